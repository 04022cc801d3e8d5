using System.Numerics;
using System.Text.Json;
using FaceMesh.Imaging;
using FaceMesh.Media;

namespace FaceMesh.Evaluation.Tests;

/// <summary>
/// A dataset whose every figure is known in advance: fixture faces annotated with MediaPipe's own
/// landmarks (our pipeline's prediction, mapped through the correspondence and written as 300-W .pts),
/// then shifted by known fractions of their inter-ocular distance; plus a photo without a face, a
/// malformed .pts and an unreadable image. The reacquisition run predicts exactly those landmarks
/// again, so each face's error is its shift.
/// </summary>
public sealed class ExactnessTests : IDisposable
{
    private static readonly FaceLandmarkerOptions Pipeline = new() { NumFaces = 3, RefineLandmarks = true };
    private readonly string _dir = Directory.CreateTempSubdirectory("facemesh-exact-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    // Expected figures (fractions of IOD), worked out by hand from the shifts below:
    // all-68 errors 0.02 (astronaut), 0.03 (grace_hopper, lips moved by 0.102: 20 of 68 points),
    // 0.09, 0, 0.05 (three_faces_1..3), infinity (blank: no face).
    private const double CoreGrace = 2 * 0.102 / 7; // two of the seven core points are lip corners

    [FixtureFact("astronaut.png", "grace_hopper.jpg", "three_faces.jpg")]
    public void Every_figure_equals_the_known_shifts()
    {
        BuildDataset();
        AnnotatedDataset data = AnnotatedDataset.Load(_dir, AnnotationFormat.Pts);
        Assert.Single(data.Skipped); // the malformed .pts
        LandmarkEvaluation result = new LandmarkEvaluator().Evaluate(data,
            [EvaluationRun.ForLandmarker("attention478", Pipeline, EvaluationProtocol.Reacquisition)]);

        RunSummary s = Assert.Single(result.Summaries);
        Assert.Equal(6, s.Faces);
        Assert.Equal(5, s.Matched);
        Assert.Equal(5, s.Compared);
        FaceEvaluation missing = Assert.Single(result.Faces, f => !f.Matched);
        Assert.Equal("blank.png", missing.Image);
        Assert.Equal(2, result.Skipped.Count);
        Assert.Contains(result.Skipped, x => x.Path.EndsWith("astronaut_2.pts", StringComparison.Ordinal) && x.Reason.Contains("67 points", StringComparison.Ordinal));
        Assert.Contains(result.Skipped, x => x.Path.EndsWith("corrupt.jpg", StringComparison.Ordinal) && x.Reason.Contains("unreadable image", StringComparison.Ordinal));

        const int Places = 5;
        Assert.Equal(0.19 / 5, s.Region("all68").Nme.Mean, Places);
        Assert.Equal(0.03, s.Region("all68").Nme.Median, Places);
        Assert.Equal((0.02 + CoreGrace + 0.09 + 0 + 0.05) / 5, s.Region("core").Nme.Mean, Places);
        Assert.Equal(CoreGrace, s.Region("core").Nme.Median, Places);
        Assert.Equal(0.262 / 5, s.Region("lips").Nme.Mean, Places);
        Assert.Equal(0.05, s.Region("lips").Nme.Median, Places);
        foreach (string region in new[] { "eye_corners", "eyes", "nose", "brows", "jaw" })
        {
            Assert.Equal(0.16 / 5, s.Region(region).Nme.Mean, Places);
            Assert.Equal(0.02, s.Region(region).Nme.Median, Places);
        }
        foreach (string region in new[] { "core", "all68" })
        {
            Assert.Equal(2.0 / 6, s.Curve(region).FailureRate8, 12);
            Assert.Equal(1.0 / 6, s.Curve(region).FailureRate10, 12);
        }
        Assert.Equal(0.22 / 0.48, s.Curve("all68").Auc8, Places);
        Assert.Equal(0.31 / 0.60, s.Curve("all68").Auc10, Places);
        Assert.Equal((0.06 + (0.08 - CoreGrace) + 0.08 + 0.03) / 0.48, s.Curve("core").Auc8, Places);
        Assert.Equal((0.08 + (0.10 - CoreGrace) + 0.01 + 0.10 + 0.05) / 0.60, s.Curve("core").Auc10, Places);

        // The report files carry the same figures.
        string reportDir = Path.Combine(_dir, "report");
        IReadOnlyList<string> files = LandmarkReport.Write(result, reportDir);
        Assert.Equal(5, files.Count); // json, md, csv, one run's SVG and PNG
        using JsonDocument json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(reportDir, ReportNames.Json)));
        JsonElement run = json.RootElement.GetProperty("runs")[0];
        Assert.Equal("attention478/reacquisition", run.GetProperty("run").GetString());
        Assert.Equal(1, run.GetProperty("detectionFailures").GetInt32());
        Assert.Equal(3.8, run.GetProperty("nmePercentIod").GetProperty("all68").GetProperty("mean").GetDouble(), 3);
        Assert.Equal(33.3333, run.GetProperty("failureRatePercent").GetProperty("core").GetProperty("at8").GetDouble(), 3);
        Assert.Equal(0.516667, run.GetProperty("auc").GetProperty("all68").GetProperty("at10").GetDouble(), 5);
        Assert.Equal(1, json.RootElement.GetProperty("failures").GetArrayLength());
        Assert.Equal(2, json.RootElement.GetProperty("skipped").GetArrayLength());
        Assert.True(json.RootElement.GetProperty("regions")[7].GetProperty("approximate").GetBoolean());
        string[] csv = File.ReadAllLines(Path.Combine(reportDir, ReportNames.FacesCsv));
        Assert.Equal(7, csv.Length);
        Assert.Equal("run,image,face,group,matched,overlap,nme_core,nme_eye_corners,nme_eyes,nme_nose,nme_lips,nme_brows_approx,nme_jaw_approx,nme_all68_approx,failure_core_8,failure_all68_approx_8", csv[0]);
        Assert.StartsWith("attention478/reacquisition,blank.png,,(ungrouped),false", csv[1], StringComparison.Ordinal); // worst first
        Assert.StartsWith("attention478/reacquisition,three_faces.jpg,1,(ungrouped),true", csv[2], StringComparison.Ordinal);
        string markdown = File.ReadAllText(Path.Combine(reportDir, ReportNames.Markdown));
        Assert.Contains("brows*", markdown, StringComparison.Ordinal);
        // all-68 errors 0, 2, 3, 5, 9 %: sample standard deviation sqrt(46.8 / 4) = 3.42, 90th percentile 5 + 0.6 * 4 = 7.40.
        Assert.Contains("| all 68* | 3.80 / 3.00 |", markdown, StringComparison.Ordinal);
        Assert.Contains("| all 68* | 3.42 / 7.40 |", markdown, StringComparison.Ordinal);
        Assert.Contains("<polyline", File.ReadAllText(Path.Combine(reportDir, "ced-attention478-reacquisition.svg")), StringComparison.Ordinal);
        using ImageBuffer plot = ImageFile.Read(Path.Combine(reportDir, "ced-attention478-reacquisition.png"));
        Assert.Equal((CedPlot.Width, CedPlot.Height), (plot.Width, plot.Height));
    }

    [FixtureFact("astronaut.png", "grace_hopper.jpg", "three_faces.jpg")]
    public void Groups_report_each_group_and_the_best_worst_discrepancy()
    {
        BuildDataset();
        AnnotatedDataset data = AnnotatedDataset.Load(_dir, AnnotationFormat.Pts);
        var groups = FaceGroups.FromPairs([("astronaut.png", "A"), ("grace_hopper.jpg", "A"), ("three_faces.jpg", "B")]);
        LandmarkEvaluation result = new LandmarkEvaluator(new LandmarkEvaluatorOptions { Groups = groups }).Evaluate(data,
            [EvaluationRun.ForLandmarker("attention478", Pipeline, EvaluationProtocol.Reacquisition)]);

        Assert.Equal(["(ungrouped)", "A", "B"], result.GroupSummaries.Select(g => g.Group));
        RunSummary a = result.GroupSummaries[1], b = result.GroupSummaries[2];
        Assert.Equal((0.02 + 0.03) / 2, a.Region("all68").Nme.Mean, 5);
        Assert.Equal((0.09 + 0 + 0.05) / 3, b.Region("all68").Nme.Mean, 5);
        Assert.Equal(1.0 / 3, b.Curve("all68").FailureRate8, 12);
        GroupDiscrepancy d = Assert.Single(result.Discrepancies, x => x.RegionKey == "all68");
        Assert.Equal(("A", "B"), (d.BestGroup, d.WorstGroup));
        Assert.Equal(0.14 / 3 - 0.025, d.Difference, 5);
    }

    /// <summary>Annotates the fixtures with the pipeline's own landmarks, shifted by known amounts.</summary>
    private void BuildDataset()
    {
        using FaceLandmarker landmarker = FaceLandmarker.Create(Pipeline);
        Annotate(landmarker, "astronaut.png", [(null, Uniform(0.02f, new Vector2(0.6f, 0.8f)))]);
        Annotate(landmarker, "grace_hopper.jpg", [(null, LipsOnly(0.102f))]);
        // Faces left to right get 0.09, 0, 0.05: ids follow position, so matching must not rely on detection order.
        Annotate(landmarker, "three_faces.jpg", [("1", Uniform(0.09f, new Vector2(1, 0))), ("2", Uniform(0, Vector2.UnitX)), ("3", Uniform(0.05f, new Vector2(0, -1)))]);

        // A photo without a face, annotated: a failure. A malformed .pts: skipped. An unreadable image: skipped.
        using (var blank = new ImageBuffer(160, 120, PixelFormat.Rgb24))
        {
            blank.Span.Fill(128);
            ImageFile.Write(blank.View, Path.Combine(_dir, "blank.png"));
        }
        File.Copy(Path.Combine(_dir, "astronaut.pts"), Path.Combine(_dir, "blank.pts"));
        File.WriteAllLines(Path.Combine(_dir, "astronaut_2.pts"), File.ReadAllLines(Path.Combine(_dir, "astronaut.pts")).Where((_, i) => i != 10));
        File.WriteAllBytes(Path.Combine(_dir, "corrupt.jpg"), [0xff, 0xd8, 0xff, 0x00, 0x13]);
        File.Copy(Path.Combine(_dir, "astronaut.pts"), Path.Combine(_dir, "corrupt.pts"));
    }

    private delegate Vector2[] Shift(Vector2[] ibug, double iod);

    private static Shift Uniform(float fraction, Vector2 direction) =>
        (ibug, iod) => ibug.Select(p => p + Vector2.Normalize(direction) * (float)(fraction * iod)).ToArray();

    private static Shift LipsOnly(float fraction) =>
        (ibug, iod) => ibug.Select((p, i) => i >= 48 ? p + new Vector2(0, (float)(fraction * iod)) : p).ToArray();

    private void Annotate(FaceLandmarker landmarker, string fixture, (string? Id, Shift Shift)[] faces)
    {
        string image = Path.Combine(_dir, fixture);
        File.Copy(TestPaths.Fixture(fixture), image);
        using ImageBuffer pixels = ImageFile.Read(image);
        FaceLandmarkerResult result = landmarker.Detect(pixels.View);
        Assert.Equal(faces.Length, result.Faces.Count);
        var predicted = result.Faces.Select(f => Ibug68Correspondence.Default.ToIbug68(f.ToPixelLandmarks().Select(p => new Vector2(p.X, p.Y)).ToArray()))
            .OrderBy(p => p[30].X).ToArray();
        for (int k = 0; k < faces.Length; k++)
        {
            string stem = Path.GetFileNameWithoutExtension(fixture) + (faces[k].Id is { } id ? "_" + id : "");
            PtsFile.Write(Path.Combine(_dir, stem + ".pts"), faces[k].Shift(predicted[k], LandmarkError.InterOcularDistance(predicted[k])));
        }
    }
}
