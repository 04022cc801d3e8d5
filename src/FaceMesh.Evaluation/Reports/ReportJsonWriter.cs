using System.Text.Json;

namespace FaceMesh.Evaluation;

/// <summary>
/// Writes report.json. Keys are stable (schema <c>facemesh.eval.landmarks/1</c>, documented in the README):
/// NME in percent of IOD, failure rates in percent, AUC as a fraction of the ideal area.
/// </summary>
public static class ReportJsonWriter
{
    public const string Schema = "facemesh.eval.landmarks/1";

    public static void Write(LandmarkEvaluation evaluation, Stream stream)
    {
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartObject();
        json.WriteString("schema", Schema);
        json.WriteString("dataset", evaluation.DatasetRoot);
        json.WriteString("format", ReportNames.FormatName(evaluation.Format));
        json.WriteString("normalisation", "inter-ocular distance of the annotation: eye centres = midpoints of iBUG points 36/39 and 42/45 (0-based)");
        json.WriteNumber("minOverlap", evaluation.MinOverlap);
        json.WriteString("approximateNote", ReportNames.ApproximateNote);
        json.WriteStartArray("regions");
        foreach (EvaluationRegion region in evaluation.Regions)
        {
            json.WriteStartObject();
            json.WriteString("key", region.Key);
            json.WriteString("title", region.Title);
            json.WriteBoolean("approximate", region.Approximate);
            json.WriteStartArray("ibugPoints");
            foreach (int i in region.Indices) json.WriteNumberValue(i);
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndArray();

        json.WriteStartArray("runs");
        foreach (RunSummary summary in evaluation.Summaries)
        {
            json.WriteStartObject();
            WriteSummary(json, summary);
            json.WriteStartArray("groups");
            foreach (RunSummary group in evaluation.GroupSummaries.Where(g => g.Run == summary.Run))
            {
                json.WriteStartObject();
                json.WriteString("group", group.Group);
                WriteSummary(json, group);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartObject("groupDiscrepancy");
            foreach (GroupDiscrepancy d in evaluation.Discrepancies.Where(d => d.Run == summary.Run))
            {
                json.WriteStartObject(d.RegionKey);
                json.WriteString("bestGroup", d.BestGroup);
                json.WriteNumber("bestMeanPercentIod", ReportNames.JsonPercent(d.BestMean) ?? 0);
                json.WriteString("worstGroup", d.WorstGroup);
                json.WriteNumber("worstMeanPercentIod", ReportNames.JsonPercent(d.WorstMean) ?? 0);
                json.WriteNumber("differencePercentIod", ReportNames.JsonPercent(d.Difference) ?? 0);
                json.WriteEndObject();
            }
            json.WriteEndObject();
            json.WriteEndObject();
        }
        json.WriteEndArray();

        json.WriteStartArray("failures");
        foreach (FaceEvaluation face in evaluation.Faces.Where(f => !f.Matched))
        {
            json.WriteStartObject();
            json.WriteString("run", face.Run);
            json.WriteString("image", face.Image);
            json.WriteString("face", face.FaceId);
            json.WriteNumber("bestOverlap", Math.Round(face.Overlap, 4));
            json.WriteEndObject();
        }
        json.WriteEndArray();

        json.WriteStartArray("skipped");
        foreach (SkippedInput skip in evaluation.Skipped)
        {
            json.WriteStartObject();
            json.WriteString("path", skip.Path);
            json.WriteString("reason", skip.Reason);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteSummary(Utf8JsonWriter json, RunSummary s)
    {
        json.WriteString("run", s.Run);
        json.WriteString("model", s.Model);
        json.WriteString("protocol", s.Protocol);
        json.WriteNumber("faces", s.Faces);
        json.WriteNumber("matched", s.Matched);
        json.WriteNumber("detectionFailures", s.DetectionFailures);
        json.WriteNumber("compared", s.Compared);
        json.WriteStartObject("nmePercentIod");
        foreach (RegionFigures r in s.Regions)
        {
            json.WriteStartObject(r.Region.Key);
            Number(json, "mean", ReportNames.JsonPercent(r.Nme.Mean));
            Number(json, "median", ReportNames.JsonPercent(r.Nme.Median));
            Number(json, "std", ReportNames.JsonPercent(r.Nme.StandardDeviation));
            Number(json, "p90", ReportNames.JsonPercent(r.Nme.P90));
            json.WriteEndObject();
        }
        json.WriteEndObject();
        json.WriteStartObject("failureRatePercent");
        foreach (CurveFigures c in s.Curves)
        {
            json.WriteStartObject(c.RegionKey);
            Number(json, "at8", ReportNames.JsonPercent(c.FailureRate8));
            Number(json, "at10", ReportNames.JsonPercent(c.FailureRate10));
            json.WriteEndObject();
        }
        json.WriteEndObject();
        json.WriteStartObject("auc");
        foreach (CurveFigures c in s.Curves)
        {
            json.WriteStartObject(c.RegionKey);
            Number(json, "at8", ReportNames.JsonNumber(c.Auc8, 6));
            Number(json, "at10", ReportNames.JsonNumber(c.Auc10, 6));
            json.WriteEndObject();
        }
        json.WriteEndObject();
    }

    private static void Number(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } v) json.WriteNumber(name, v);
        else json.WriteNull(name);
    }
}
