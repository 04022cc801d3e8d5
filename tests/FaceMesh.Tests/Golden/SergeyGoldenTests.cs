using FaceMesh.Detectors;
using FaceMesh.Imaging;
using FaceMesh.Inference;
using FaceMesh.Tests.Support;
using Xunit.Abstractions;

namespace FaceMesh.Tests.Golden;

/// <summary>
/// MediaPipe's own C++ golden test: the short-range detector on sergey.png
/// (<c>mediapipe/calculators/tensor/testdata/expected_detection.pbtxt</c>), CPU sampling.
/// </summary>
public class SergeyGoldenTests(ITestOutputHelper output)
{
    private const float Tolerance = 1e-4f;
    private const float Score = 0.92843366f;
    private static readonly BoundingBox Box = new(0.21061149f, 0.29150677f, 0.5657704f, 0.5657307f);
    private static readonly (float X, float Y)[] Keypoints =
    [
        (0.37730268f, 0.44038114f), (0.6250565f, 0.44425336f), (0.50687385f, 0.5767085f),
        (0.50173956f, 0.6991459f), (0.2383742f, 0.49879026f), (0.7404449f, 0.50361776f),
    ];

    [FixtureFact("sergey.png")]
    public void Public_detector_reproduces_mediapipes_cpu_golden()
    {
        using ImageBuffer image = Fixtures.Read("sergey.png");
        using var detector = FaceDetector.Create();
        Detection d = Assert.Single(detector.Detect(image.View));
        Assert.Equal(Score, d.Score, Tolerance);
        Assert.Equal(Box.XMin, d.RelativeBoundingBox.XMin, Tolerance);
        Assert.Equal(Box.YMin, d.RelativeBoundingBox.YMin, Tolerance);
        Assert.Equal(Box.Width, d.RelativeBoundingBox.Width, Tolerance);
        Assert.Equal(Box.Height, d.RelativeBoundingBox.Height, Tolerance);
        for (int k = 0; k < 6; k++)
        {
            Assert.Equal(Keypoints[k].X, d.RelativeKeypoints[k].X, Tolerance);
            Assert.Equal(Keypoints[k].Y, d.RelativeKeypoints[k].Y, Tolerance);
        }
    }

    [FixtureFact("sergey.png")]
    public void Both_cpu_computations_match_and_report_their_errors()
    {
        using ImageBuffer image = Fixtures.Read("sergey.png");
        using var stage = new FaceDetectionStage(RuntimeModelLoader.Instance.Load(DetectorSpec.ShortRange.Model, null, 1), DetectorSpec.ShortRange);
        foreach (CpuSamplerKind kind in new[] { CpuSamplerKind.OpenCvFixedPoint, CpuSamplerKind.FloatRounded })
        {
            var found = new List<DetectionCandidate>();
            stage.Detect(image.View, Sampling.MediaPipeCpu, 0.5f, found, kind);
            DetectionCandidate d = Assert.Single(found);
            float maxError = MaxError(d);
            output.WriteLine($"{kind}: score {d.Score:R} (expected {Score:R}), box {d.Box.XMin:R} {d.Box.YMin:R} {d.Box.Width:R} {d.Box.Height:R}, " +
                $"keypoints {string.Join(" ", Enumerable.Range(0, 12).Select(k => d.Keypoints[k].ToString("R", System.Globalization.CultureInfo.InvariantCulture)))}, max |error| {maxError:E2}");
            Assert.True(maxError <= Tolerance, $"{kind}: max error {maxError}");
        }
        var gpu = new List<DetectionCandidate>();
        stage.Detect(image.View, Sampling.MediaPipeGpu, 0.5f, gpu);
        output.WriteLine($"MediaPipeGpu (for comparison, not the golden's convention): score {Assert.Single(gpu).Score:R}, max |error| {MaxError(gpu[0]):E2}");
    }

    private static float MaxError(in DetectionCandidate d)
    {
        float e = Math.Abs(d.Score - Score);
        e = Math.Max(e, Math.Abs(d.Box.XMin - Box.XMin));
        e = Math.Max(e, Math.Abs(d.Box.YMin - Box.YMin));
        e = Math.Max(e, Math.Abs(d.Box.Width - Box.Width));
        e = Math.Max(e, Math.Abs(d.Box.Height - Box.Height));
        for (int k = 0; k < 6; k++)
        {
            e = Math.Max(e, Math.Abs(d.Keypoints[2 * k] - Keypoints[k].X));
            e = Math.Max(e, Math.Abs(d.Keypoints[2 * k + 1] - Keypoints[k].Y));
        }
        return e;
    }
}
