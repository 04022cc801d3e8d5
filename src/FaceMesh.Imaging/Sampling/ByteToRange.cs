namespace FaceMesh.Imaging;

/// <summary>
/// The 256 float values an 8-bit sample can become, <c>p * scale + min</c> with
/// <c>scale = (max - min) / 255</c> in float, as OpenCV's <c>convertTo</c> computes them.
/// </summary>
internal static class ByteToRange
{
    public const int Size = 256;

    public static void Fill(Span<float> table, float min, float max)
    {
        float scale = Scale(min, max);
        for (int p = 0; p < Size; p++) table[p] = p * scale + min;
    }

    /// <summary>The step between the values of consecutive bytes; vector code computes <c>p * scale + min</c> with it, unfused.</summary>
    public static float Scale(float min, float max) => (max - min) / 255f;
}
