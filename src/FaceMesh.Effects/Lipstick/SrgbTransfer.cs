namespace FaceMesh.Effects;

/// <summary>
/// sRGB byte to linear light and back. The way back searches the exact rounding thresholds, so
/// a value that went in comes out as the same byte (untouched pixels stay byte-identical) and
/// results do not depend on floating-point pow implementations.
/// </summary>
internal static class SrgbTransfer
{
    // Written once by the type initialiser, only read afterwards.
    private static readonly float[] Linear = BuildLinear();
    private static readonly float[] Thresholds = BuildThresholds();

    public static float ToLinear(byte value) => Linear[value];

    public static byte ToByte(float linear)
    {
        ReadOnlySpan<float> thresholds = Thresholds;
        int low = 0, high = thresholds.Length; // answer = number of thresholds below linear
        while (low < high)
        {
            int middle = (low + high) >>> 1;
            if (thresholds[middle] <= linear) low = middle + 1; else high = middle;
        }
        return (byte)low;
    }

    public static float Luminance(float r, float g, float b) => 0.2126f * r + 0.7152f * g + 0.0722f * b;

    private static double Decode(double encoded) =>
        encoded <= 0.04045 ? encoded / 12.92 : Math.Pow((encoded + 0.055) / 1.055, 2.4);

    private static float[] BuildLinear()
    {
        var table = new float[256];
        for (int i = 0; i < 256; i++) table[i] = (float)Decode(i / 255.0);
        return table;
    }

    /// <summary>Thresholds[i] is the linear value whose sRGB encoding is exactly halfway between bytes i and i+1.</summary>
    private static float[] BuildThresholds()
    {
        var table = new float[255];
        for (int i = 0; i < 255; i++) table[i] = (float)Decode((i + 0.5) / 255.0);
        return table;
    }
}
