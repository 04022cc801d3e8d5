using System.Numerics;

namespace FaceMesh.Evaluation;

/// <summary>
/// The measures of <see cref="JitterEvaluation"/>, in percent of the inter-ocular distance (IOD)
/// so faces of any size compare: jitter is the mean frame-to-frame movement left once the known
/// motion is removed; error is the mean distance from the first frame's landmarks carried along
/// that motion. Only x and y count.
/// </summary>
public static class JitterMetrics
{
    // Eye corners of MediaPipe's mesh: the subject's right eye (33 outer, 133 inner), then the left (362 inner, 263 outer).
    private const int RightEyeOuter = 33, RightEyeInner = 133, LeftEyeInner = 362, LeftEyeOuter = 263;

    /// <summary>2D distance between the midpoints of landmarks 33-133 and 362-263, in the landmarks' units.</summary>
    public static float InterOcularDistance(ReadOnlySpan<Vector2> landmarks)
    {
        if (landmarks.Length <= RightEyeOuter || landmarks.Length <= LeftEyeInner)
            throw new ArgumentException($"Need MediaPipe's 468 or 478 landmarks, got {landmarks.Length}.", nameof(landmarks));
        Vector2 right = (landmarks[RightEyeOuter] + landmarks[RightEyeInner]) / 2;
        Vector2 left = (landmarks[LeftEyeInner] + landmarks[LeftEyeOuter]) / 2;
        return Vector2.Distance(right, left);
    }

    /// <summary>Mean point-to-point distance of two equally long landmark sets.</summary>
    public static double MeanDistance(ReadOnlySpan<Vector2> a, ReadOnlySpan<Vector2> b)
    {
        if (a.Length != b.Length || a.IsEmpty)
            throw new ArgumentException($"Landmark sets must be non-empty and equally long, got {a.Length} and {b.Length}.", nameof(b));
        double sum = 0;
        for (int i = 0; i < a.Length; i++) sum += Vector2.Distance(a[i], b[i]);
        return sum / a.Length;
    }

    /// <summary>
    /// Jitter and error of one run. Frames without a face are left out: jitter uses only pairs of
    /// consecutive frames that both have one, error every such frame after the first.
    /// </summary>
    internal static JitterRunResult Measure(UnwarpedTrack track, ReadOnlySpan<Vector2> reference, float iod)
    {
        if (!(iod > 0)) throw new ArgumentOutOfRangeException(nameof(iod), iod, "The inter-ocular distance must be positive.");
        double jitterSum = 0, errorSum = 0;
        int pairs = 0, measured = 0, withFace = track.HasFace(0) ? 1 : 0;
        for (int k = 1; k < track.Frames; k++)
        {
            if (!track.HasFace(k)) continue;
            withFace++;
            errorSum += MeanDistance(track.At(k), reference);
            measured++;
            if (!track.HasFace(k - 1)) continue;
            jitterSum += MeanDistance(track.At(k), track.At(k - 1));
            pairs++;
        }
        double percent = 100.0 / iod;
        return new JitterRunResult(
            JitterPercentIod: pairs > 0 ? jitterSum / pairs * percent : double.NaN,
            ErrorPercentIod: measured > 0 ? errorSum / measured * percent : double.NaN,
            FramesWithFace: withFace);
    }
}
