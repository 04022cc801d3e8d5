using System.Text;

namespace FaceMesh.Evaluation;

/// <summary>Writes report.md: the same figures as report.json, as tables side by side per run.</summary>
public static class ReportMarkdownWriter
{
    public static string Render(LandmarkEvaluation evaluation)
    {
        var md = new StringBuilder();
        md.AppendLine("# Landmark evaluation").AppendLine();
        md.AppendLine($"Dataset `{evaluation.DatasetRoot}` ({ReportNames.FormatName(evaluation.Format)}), " +
                      $"{evaluation.Summaries[0].Faces} annotated faces; NME in % of the annotation's inter-ocular distance " +
                      "(eye centres = midpoints of iBUG 36/39 and 42/45).").AppendLine();
        md.AppendLine($"> Approximate regions (marked *): {ReportNames.ApproximateNote}.").AppendLine();

        md.AppendLine("## NME, mean / median (% IOD) over the faces matched in every run").AppendLine();
        RegionTable(md, evaluation, n => $"{ReportNames.Percent(n.Mean)} / {ReportNames.Percent(n.Median)}");
        // A mean alone hides whether two runs differ by more than their faces vary.
        md.AppendLine("## Spread of NME, standard deviation / 90th percentile (% IOD), same faces").AppendLine();
        RegionTable(md, evaluation, n => $"{ReportNames.Percent(n.StandardDeviation)} / {ReportNames.Percent(n.P90)}");

        md.AppendLine("## Failures and cumulative error curve (all annotated faces; unmatched = failure)").AppendLine();
        md.AppendLine("| run | faces | matched | detection failures | compared | core fail 8 % | core fail 10 % | core AUC 8 % | core AUC 10 % | all-68* fail 8 % | all-68* fail 10 % | all-68* AUC 8 % | all-68* AUC 10 % |");
        md.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (RunSummary s in evaluation.Summaries) md.AppendLine(CurveRow(s.Run, s));
        md.AppendLine();

        if (evaluation.GroupSummaries.Count > 0)
        {
            md.AppendLine("## Groups: mean NME (% IOD) per group").AppendLine();
            foreach (RunSummary run in evaluation.Summaries)
            {
                md.AppendLine($"### {run.Run}").AppendLine();
                md.Append("| group | faces | matched |");
                foreach (EvaluationRegion region in evaluation.Regions) md.Append($" {Title(region)} |");
                md.AppendLine().Append("| --- | ---: | ---: |");
                foreach (EvaluationRegion _ in evaluation.Regions) md.Append(" ---: |");
                md.AppendLine();
                foreach (RunSummary g in evaluation.GroupSummaries.Where(g => g.Run == run.Run))
                {
                    md.Append($"| {g.Group} | {g.Faces} | {g.Matched} |");
                    foreach (EvaluationRegion region in evaluation.Regions) md.Append($" {ReportNames.Percent(g.Region(region.Key).Nme.Mean)} |");
                    md.AppendLine();
                }
                var discrepancies = evaluation.Discrepancies.Where(d => d.Run == run.Run).ToArray();
                if (discrepancies.Length > 0)
                {
                    md.Append("| **best-worst discrepancy** | | |");
                    foreach (EvaluationRegion region in evaluation.Regions)
                    {
                        GroupDiscrepancy? d = discrepancies.FirstOrDefault(x => x.RegionKey == region.Key);
                        md.Append(d is null ? " - |" : $" {ReportNames.Percent(d.Difference)} ({d.BestGroup} vs {d.WorstGroup}) |");
                    }
                    md.AppendLine();
                }
                md.AppendLine();
            }
        }

        var failures = evaluation.Faces.Where(f => !f.Matched).ToArray();
        md.AppendLine($"## Detection failures ({failures.Length})").AppendLine();
        foreach (FaceEvaluation f in failures)
            md.AppendLine($"- {f.Run}: `{f.Image}` face {Face(f.FaceId)} (best overlap {ReportNames.Fixed(f.Overlap, 2)})");
        md.AppendLine();
        md.AppendLine($"## Skipped inputs ({evaluation.Skipped.Count})").AppendLine();
        foreach (SkippedInput s in evaluation.Skipped) md.AppendLine($"- `{s.Path}`: {s.Reason}");
        return md.ToString();
    }

    private static void RegionTable(StringBuilder md, LandmarkEvaluation evaluation, Func<Spread, string> cell)
    {
        md.Append("| region |");
        foreach (RunSummary s in evaluation.Summaries) md.Append($" {s.Run} |");
        md.AppendLine().Append("| --- |");
        foreach (RunSummary _ in evaluation.Summaries) md.Append(" ---: |");
        md.AppendLine();
        foreach (EvaluationRegion region in evaluation.Regions)
        {
            md.Append($"| {Title(region)} |");
            foreach (RunSummary s in evaluation.Summaries) md.Append($" {cell(s.Region(region.Key).Nme)} |");
            md.AppendLine();
        }
        md.AppendLine();
    }

    private static string CurveRow(string label, RunSummary s)
    {
        CurveFigures core = s.Curve("core"), all = s.Curve("all68");
        return $"| {label} | {s.Faces} | {s.Matched} | {s.DetectionFailures} | {s.Compared} | " +
               $"{ReportNames.Percent(core.FailureRate8)} | {ReportNames.Percent(core.FailureRate10)} | {ReportNames.Fixed(core.Auc8, 4)} | {ReportNames.Fixed(core.Auc10, 4)} | " +
               $"{ReportNames.Percent(all.FailureRate8)} | {ReportNames.Percent(all.FailureRate10)} | {ReportNames.Fixed(all.Auc8, 4)} | {ReportNames.Fixed(all.Auc10, 4)} |";
    }

    public static string Title(EvaluationRegion region) => region.Approximate ? region.Title + "*" : region.Title;

    private static string Face(string id) => id.Length == 0 ? "1" : id;
}
