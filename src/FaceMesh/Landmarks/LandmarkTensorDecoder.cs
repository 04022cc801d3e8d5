namespace FaceMesh.Landmarks;

/// <summary>
/// Model outputs in crop pixels -> crop-normalised coordinates (landmarks.md section 3): every
/// value divided by the 192-pixel input size; z uses the same divisor.
/// </summary>
internal static class LandmarkTensorDecoder
{
    /// <summary>Decodes <c>x, y, z</c> triplets.</summary>
    public static void DecodeXyz(ReadOnlySpan<float> raw, Span<NormalizedLandmark> output)
    {
        const float s = LandmarkModelSpec.InputSize;
        if (raw.Length < output.Length * 3)
            throw new ArgumentException($"Landmark tensor has {raw.Length} values; {output.Length} points need {output.Length * 3}.", nameof(raw));
        for (int k = 0; k < output.Length; k++)
            output[k] = new NormalizedLandmark(raw[3 * k] / s, raw[3 * k + 1] / s, raw[3 * k + 2] / s / 1f);
    }
}
