using System.Globalization;
using System.Text;

namespace FaceMesh.Evaluation;

/// <summary>
/// Writes faces.csv: one row per annotated face and run, worst first within each run (unmatched faces
/// first, then by all-68 error), so the faces to look at are at the top. NME columns in % IOD; columns of
/// approximate regions end in <c>_approx</c>.
/// </summary>
public static class FaceCsvWriter
{
    public static string Render(LandmarkEvaluation evaluation)
    {
        var csv = new StringBuilder();
        csv.Append("run,image,face,group,matched,overlap");
        // Approximate correspondences are labelled in the column name itself, so no reader of the CSV misses it.
        foreach (EvaluationRegion region in evaluation.Regions) csv.Append(",nme_").Append(region.Key).Append(region.Approximate ? "_approx" : "");
        csv.Append(",failure_core_8,failure_all68_approx_8\n");
        int core = evaluation.RegionIndex("core"), all = evaluation.RegionIndex("all68");
        foreach (FaceEvaluation f in WorstFirst(evaluation))
        {
            csv.Append(Field(f.Run)).Append(',').Append(Field(f.Image)).Append(',').Append(Field(f.FaceId)).Append(',')
                .Append(Field(f.Group)).Append(',').Append(f.Matched ? "true" : "false").Append(',')
                .Append(f.Overlap.ToString("F4", CultureInfo.InvariantCulture));
            for (int r = 0; r < evaluation.Regions.Count; r++) csv.Append(',').Append(f.Matched ? ReportNames.Percent(f.Error(r)) : "");
            csv.Append(',').Append(f.Error(core) > 0.08 ? "true" : "false").Append(',').Append(f.Error(all) > 0.08 ? "true" : "false").Append('\n');
        }
        return csv.ToString();
    }

    /// <summary>Runs in order; within a run, unmatched faces first, then by descending all-68 error.</summary>
    public static IEnumerable<FaceEvaluation> WorstFirst(LandmarkEvaluation evaluation)
    {
        int all = evaluation.RegionIndex("all68");
        return evaluation.Runs.SelectMany(run => evaluation.Faces.Where(f => f.Run == run.Key)
            .OrderByDescending(f => f.Error(all)).ThenBy(f => f.Image, StringComparer.Ordinal).ThenBy(f => f.FaceId, StringComparer.Ordinal));
    }

    private static string Field(string text) =>
        text.AsSpan().IndexOfAny(",\"\n") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
}
