using System.Buffers;

namespace FaceMesh.Effects;

/// <summary>
/// Softens a coverage mask inward only. A Gaussian blur alone would bleed colour past the
/// contour; remapping the blurred value so that 0.5 (the contour itself) becomes 0 and values
/// near 1 stay 1 turns it into a smooth ramp that starts exactly at the edge and rises inside,
/// and taking the minimum with the sharp coverage guarantees nothing outside is touched.
/// </summary>
internal static class MaskFeather
{
    public static void Apply(CoverageMask mask, float sigma)
    {
        if (!(sigma >= 0.35f)) return; // narrower than a pixel: anti-aliasing is feather enough
        int radius = (int)MathF.Ceiling(3f * sigma);
        Span<float> kernel = stackalloc float[2 * radius + 1];
        float sum = 0;
        for (int i = -radius; i <= radius; i++) sum += kernel[i + radius] = MathF.Exp(-0.5f * i * i / (sigma * sigma));
        for (int i = 0; i < kernel.Length; i++) kernel[i] /= sum;

        int count = mask.Width * mask.Height;
        float[] horizontalArray = ArrayPool<float>.Shared.Rent(count);
        float[] blurredArray = ArrayPool<float>.Shared.Rent(count);
        try
        {
            Span<float> sharp = mask.Values, horizontal = horizontalArray.AsSpan(0, count), blurred = blurredArray.AsSpan(0, count);
            int w = mask.Width, h = mask.Height;
            for (int y = 0; y < h; y++)
                for (int x = 0; x < w; x++)
                {
                    float acc = 0;
                    for (int k = -radius; k <= radius; k++)
                    {
                        int xx = x + k;
                        if ((uint)xx < (uint)w) acc += kernel[k + radius] * sharp[y * w + xx];
                    }
                    horizontal[y * w + x] = acc;
                }
            for (int y = 0; y < h; y++)
                for (int x = 0; x < w; x++)
                {
                    float acc = 0;
                    for (int k = -radius; k <= radius; k++)
                    {
                        int yy = y + k;
                        if ((uint)yy < (uint)h) acc += kernel[k + radius] * horizontal[yy * w + x];
                    }
                    blurred[y * w + x] = acc;
                }
            for (int i = 0; i < count; i++)
                sharp[i] = MathF.Min(sharp[i], Math.Clamp(2f * blurred[i] - 1f, 0f, 1f));
        }
        finally
        {
            ArrayPool<float>.Shared.Return(horizontalArray);
            ArrayPool<float>.Shared.Return(blurredArray);
        }
    }
}
