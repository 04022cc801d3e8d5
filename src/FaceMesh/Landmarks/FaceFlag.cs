namespace FaceMesh.Landmarks;

/// <summary>The landmark model's face-presence output (landmarks.md section 2).</summary>
internal static class FaceFlag
{
    public static float Probability(float logit) => 1f / (1f + MathF.Exp(-logit));

    /// <summary>Strictly greater: a probability equal to the threshold drops the face.</summary>
    public static bool IsPresent(float probability, float threshold) => probability > threshold;
}
