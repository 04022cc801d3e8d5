using System.Numerics;
using System.Text.Json;
using FaceMesh.Imaging;
using Xunit.Abstractions;

namespace FaceMesh.Tests.Parity;

/// <summary>
/// BlazeFace short and full range with MediaPipe's GPU sampling convention against MediaPipe's JS
/// face-detection solution on the same pixels: same detections, box IoU at least 0.999, score
/// within 1e-4.
/// </summary>
public sealed class DetectionParityTests(ITestOutputHelper output)
{
    public static TheoryData<string, string> Cases() => OracleCases.For("detection_short.json", "detection_full.json");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Detections_match_MediaPipe_JS(string goldenFile, string imageName)
    {
        if (!OracleCases.Available(imageName, output)) return;
        using JsonDocument doc = OracleJson.Load(goldenFile);
        JsonElement golden = OracleJson.Image(doc, imageName);
        using ImageBuffer image = OracleImages.Load(imageName, golden.GetProperty("input_rgb_sha256").GetString()!);
        bool full = doc.RootElement.GetProperty("options").GetProperty("model").GetString() == "full";

        using FaceDetector detector = FaceDetector.Create(new FaceDetectorOptions
        {
            Model = full ? FaceDetectorModel.FullRange : FaceDetectorModel.ShortRange,
            Sampling = Sampling.MediaPipeGpu,
            // The oracle could not set minDetectionConfidence (it aborts those JS builds), so each
            // graph ran with its built-in min_score_thresh: 0.5 short range, 0.6 full range. The
            // threshold decides which candidates the weighted NMS blends into the box.
            MinDetectionConfidence = full ? 0.6f : 0.5f,
        });
        IReadOnlyList<Detection> ours = detector.Detect(image.View);

        JsonElement[] expected = golden.GetProperty("detections").EnumerateArray().ToArray();
        Assert.Equal(expected.Length, ours.Count);
        foreach (JsonElement reference in expected)
        {
            JsonElement box = reference.GetProperty("box");
            var refBox = new BoundingBox(box.GetProperty("xmin").GetSingle(), box.GetProperty("ymin").GetSingle(),
                box.GetProperty("width").GetSingle(), box.GetProperty("height").GetSingle());
            Detection match = ours.MaxBy(d => IoU(d.RelativeBoundingBox, refBox))!;
            double iou = IoU(match.RelativeBoundingBox, refBox);
            double scoreError = Math.Abs(match.Score - reference.GetProperty("score").GetDouble());
            Vector2[] refKeypoints = reference.GetProperty("keypoints").EnumerateArray()
                .Select(k => new Vector2(k[0].GetSingle(), k[1].GetSingle())).ToArray();
            double keypointError = refKeypoints.Select((k, i) => Vector2.Distance(k, match.RelativeKeypoints[i])).Max();
            output.WriteLine($"{goldenFile} {imageName}: IoU {iou:F7}, |score diff| {scoreError:E2}, max keypoint diff {keypointError:E2} (normalised)");
            Assert.True(iou >= 0.999, $"box IoU {iou} < 0.999");
            Assert.True(scoreError <= 1e-4, $"score differs by {scoreError}");
            Assert.True(keypointError <= 1e-4, $"keypoint differs by {keypointError} (normalised)");
        }
    }

    private static double IoU(BoundingBox a, BoundingBox b)
    {
        double ix = Math.Max(0, Math.Min(a.XMax, b.XMax) - Math.Max(a.XMin, b.XMin));
        double iy = Math.Max(0, Math.Min(a.YMax, b.YMax) - Math.Max(a.YMin, b.YMin));
        double inter = ix * iy, union = a.Width * a.Height + b.Width * b.Height - inter;
        return union > 0 ? inter / union : 0;
    }
}
