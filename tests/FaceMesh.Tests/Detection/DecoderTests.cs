using FaceMesh.Detectors;

namespace FaceMesh.Tests.Detectors;

public class DecoderTests
{
    private static readonly Anchor[] Anchors = SsdAnchors.Generate(DetectorSpec.ShortRange);

    [Fact]
    public void Decodes_box_and_keypoints_relative_to_the_anchor()
    {
        var (regressors, logits) = DetectorTensors.Empty(896);
        // Anchor 518 is centred at (0.1875, 0.0625).
        DetectorTensors.Set(regressors, 518, 12.8f, -6.4f, 25.6f, 51.2f, [(1.28f, 2.56f)]);
        logits[518] = 2f;
        var output = new List<DetectionCandidate>();
        DetectionDecoder.Decode(regressors, logits, Anchors, 128f, 0.5f, output);

        DetectionCandidate d = Assert.Single(output);
        Assert.Equal(1f / (1f + MathF.Exp(-2f)), d.Score);
        Assert.Equal(0.1875f + 0.1f - 0.1f, d.Box.XMin, 1e-6f);
        Assert.Equal(0.0625f - 0.05f - 0.2f, d.Box.YMin, 1e-6f);
        Assert.Equal(0.2f, d.Box.Width, 1e-6f);
        Assert.Equal(0.4f, d.Box.Height, 1e-6f);
        Assert.Equal(0.1875f + 0.01f, d.Keypoints[0], 1e-6f);
        Assert.Equal(0.0625f + 0.02f, d.Keypoints[1], 1e-6f);
    }

    [Fact]
    public void Keeps_a_score_equal_to_the_threshold_and_drops_lower_ones()
    {
        var (regressors, logits) = DetectorTensors.Empty(896);
        logits[3] = 0f;      // sigmoid = 0.5 exactly
        logits[4] = -0.001f; // just below
        var output = new List<DetectionCandidate>();
        DetectionDecoder.Decode(regressors, logits, Anchors, 128f, 0.5f, output);
        Assert.Equal(0.5f, Assert.Single(output).Score);
    }

    [Fact]
    public void Clips_logits_at_plus_minus_100_and_drops_inverted_boxes()
    {
        var (regressors, logits) = DetectorTensors.Empty(896);
        logits[0] = 1e9f;
        logits[1] = 50f;
        DetectorTensors.Set(regressors, 1, 0, 0, -1f, 1f, []);
        var output = new List<DetectionCandidate>();
        DetectionDecoder.Decode(regressors, logits, Anchors, 128f, 0.5f, output);
        Assert.Equal(1f / (1f + MathF.Exp(-100f)), Assert.Single(output).Score);
    }
}

internal static class DetectorTensors
{
    public static (float[] Regressors, float[] Logits) Empty(int boxes)
    {
        var logits = new float[boxes];
        Array.Fill(logits, -50f);
        return (new float[boxes * 16], logits);
    }

    public static void Set(float[] regressors, int anchor, float dx, float dy, float w, float h, (float X, float Y)[] keypoints)
    {
        int o = anchor * 16;
        regressors[o] = dx; regressors[o + 1] = dy; regressors[o + 2] = w; regressors[o + 3] = h;
        for (int k = 0; k < keypoints.Length; k++) (regressors[o + 4 + 2 * k], regressors[o + 5 + 2 * k]) = keypoints[k];
    }
}
