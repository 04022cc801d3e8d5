using FaceMesh.Evaluation;
using Spectre.Console;

namespace FaceMesh.Cli.Commands;

/// <summary>The terminal view of a landmark evaluation: NME per region and run, then the curve figures, then group discrepancies.</summary>
internal static class EvalLandmarksTable
{
    private static void AddCurveRow(Table table, LandmarkEvaluation evaluation, string label, Func<RunSummary, string> cell)
    {
        string[] cells = [Markup.Escape(label), .. evaluation.Summaries.Select(cell)];
        table.AddRow(cells);
    }

    public static void Write(LandmarkEvaluation evaluation)
    {
        RunSummary first = evaluation.Summaries[0];
        AnsiConsole.MarkupLine(Markup.Escape(
            $"{first.Faces} annotated faces in {evaluation.DatasetRoot}; NME in % of inter-ocular distance, mean / median over the {first.Compared} faces matched in every run"));
        var nme = new Table().AddColumn("region");
        foreach (RunSummary s in evaluation.Summaries) nme.AddColumn(new TableColumn(Markup.Escape(s.Run)).RightAligned());
        foreach (EvaluationRegion region in evaluation.Regions)
        {
            var cells = new List<string> { Markup.Escape(ReportMarkdownWriter.Title(region)) };
            foreach (RunSummary s in evaluation.Summaries)
            {
                Spread n = s.Region(region.Key).Nme;
                cells.Add($"{ReportNames.Percent(n.Mean)} / {ReportNames.Percent(n.Median)}");
            }
            nme.AddRow(cells.ToArray());
        }
        nme.Caption(Markup.Escape("* approximate correspondence (brows, jaw): " + ReportNames.ApproximateNote));
        AnsiConsole.Write(nme);

        var curves = new Table().AddColumn("faces (unmatched = failure)");
        foreach (RunSummary s in evaluation.Summaries) curves.AddColumn(new TableColumn(Markup.Escape(s.Run)).RightAligned());
        AddCurveRow(curves, evaluation, "annotated / matched", s => $"{s.Faces} / {s.Matched}");
        foreach (string key in LandmarkEvaluation.CurveRegions)
        {
            string label = key == "core" ? "core" : "all 68*";
            AddCurveRow(curves, evaluation, $"{label} failure rate @8 %", s => ReportNames.Percent(s.Curve(key).FailureRate8) + " %");
            AddCurveRow(curves, evaluation, $"{label} failure rate @10 %", s => ReportNames.Percent(s.Curve(key).FailureRate10) + " %");
            AddCurveRow(curves, evaluation, $"{label} CED AUC @8 %", s => ReportNames.Fixed(s.Curve(key).Auc8, 4));
            AddCurveRow(curves, evaluation, $"{label} CED AUC @10 %", s => ReportNames.Fixed(s.Curve(key).Auc10, 4));
        }
        AnsiConsole.Write(curves);

        if (evaluation.Discrepancies.Count > 0)
        {
            var groups = new Table().AddColumns("run", "region", "best group", "mean", "worst group", "mean", "discrepancy");
            foreach (GroupDiscrepancy d in evaluation.Discrepancies.Where(d => d.RegionKey is "core" or "all68"))
                groups.AddRow(Markup.Escape(d.Run), d.RegionKey, Markup.Escape(d.BestGroup), ReportNames.Percent(d.BestMean),
                    Markup.Escape(d.WorstGroup), ReportNames.Percent(d.WorstMean), ReportNames.Percent(d.Difference));
            AnsiConsole.Write(groups);
        }
    }
}
