using System.Numerics;
using FaceMesh.Blendshapes;
using FaceMesh.Media;

namespace FaceMesh.Tests.Blendshapes;

/// <summary>
/// On a real clip (Megamind.avi, the OpenCV sample), jawOpen follows the inner-lip gap and eyeBlink
/// the eyelid gap (three lid pairs) measured directly on the screen landmarks (over eye or
/// eye-corner spacing, so distance cancels): Spearman rank correlation above 0.9 over every frame with a face,
/// with a fixed neutral (two faces allowed) and with the neutral that adapts to one face.
/// </summary>
public sealed class MegamindTests
{
    [FixtureFact("Megamind.avi")]
    public async Task JawOpen_and_eyeBlink_track_the_measured_gaps()
    {
        // Two faces allowed: one neutral cannot follow several people, so it stays fixed.
        (double jaw, double blinkLeft, double blinkRight) = await Correlations(numFaces: 2);
        Assert.True(jaw > 0.9, $"jawOpen vs lip gap: {jaw:F3}");
        Assert.True(blinkLeft > 0.9, $"eyeBlinkLeft vs eyelid gap: {blinkLeft:F3}");
        Assert.True(blinkRight > 0.9, $"eyeBlinkRight vs eyelid gap: {blinkRight:F3}");

        // One face: the neutral adapts to him, and must not chase his expression while it does.
        (jaw, blinkLeft, blinkRight) = await Correlations(numFaces: 1);
        Assert.True(jaw > 0.9, $"adapting: jawOpen vs lip gap: {jaw:F3}");
        Assert.True(blinkLeft > 0.9, $"adapting: eyeBlinkLeft vs eyelid gap: {blinkLeft:F3}");
        Assert.True(blinkRight > 0.9, $"adapting: eyeBlinkRight vs eyelid gap: {blinkRight:F3}");
    }

    private static async Task<(double Jaw, double BlinkLeft, double BlinkRight)> Correlations(int numFaces)
    {
        using FaceLandmarker landmarker = FaceLandmarker.Create(new FaceLandmarkerOptions { OutputFaceBlendshapes = true, RunningMode = RunningMode.Video, NumFaces = numFaces });
        await using VideoReader reader = await VideoReader.OpenAsync(TestPaths.Fixture("Megamind.avi"));
        var result = new FaceLandmarkerResult();
        List<double> jaw = [], lipGap = [], blinkLeft = [], lidLeft = [], blinkRight = [], lidRight = [];
        long time = 0;
        await foreach (VideoFrame frame in reader.ReadFramesAsync())
        {
            if (!landmarker.TryDetectForVideo(frame.Image.View, time += 33, result)) continue;
            Face face = result.Faces[0];
            FaceBlendshapes scores = face.Blendshapes!;
            float Gap(int a, int b) => Vector2.Distance(Pixel(face, a), Pixel(face, b));
            jaw.Add(scores[Blendshape.JawOpen]);
            lipGap.Add(Gap(13, 14) / Gap(33, 263));
            blinkLeft.Add(scores[Blendshape.EyeBlinkLeft]);
            lidLeft.Add(-(Gap(385, 380) + Gap(386, 374) + Gap(387, 373)) / Gap(362, 263));
            blinkRight.Add(scores[Blendshape.EyeBlinkRight]);
            lidRight.Add(-(Gap(158, 153) + Gap(159, 145) + Gap(160, 144)) / Gap(33, 133));
        }
        Assert.True(jaw.Count > 200, $"{jaw.Count} frames with a face");
        return (Spearman(jaw, lipGap), Spearman(blinkLeft, lidLeft), Spearman(blinkRight, lidRight));
    }

    private static Vector2 Pixel(Face face, int index)
    {
        Vector3 p = face.GetPixelLandmark(index);
        return new Vector2(p.X, p.Y);
    }

    private static double Spearman(List<double> a, List<double> b)
    {
        double[] x = Ranks(a), y = Ranks(b);
        double mx = x.Average(), my = y.Average(), sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < x.Length; i++)
        {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxy / Math.Sqrt(sxx * syy);
    }

    /// <summary>Ranks with ties sharing their mean rank.</summary>
    private static double[] Ranks(List<double> values)
    {
        int[] order = [.. Enumerable.Range(0, values.Count).OrderBy(i => values[i])];
        var ranks = new double[values.Count];
        for (int start = 0; start < order.Length;)
        {
            int end = start;
            while (end + 1 < order.Length && values[order[end + 1]] == values[order[start]]) end++;
            for (int k = start; k <= end; k++) ranks[order[k]] = (start + end) / 2.0;
            start = end + 1;
        }
        return ranks;
    }
}
