using System.Numerics;
using FaceMesh.Imaging;

namespace FaceMesh.Evaluation;

/// <summary>
/// Resamples an image through a <see cref="SimilarityTransform"/> with bilinear interpolation, so
/// content moves by exactly the transform's (sub-pixel) amounts. Samples that fall outside the
/// source repeat its edge pixels rather than bringing in black borders a detector might react to.
/// </summary>
internal static class SimilarityWarp
{
    /// <summary>Fills <paramref name="destination"/> with <paramref name="source"/> moved by <paramref name="transform"/>.</summary>
    /// <exception cref="ArgumentException">The destination's pixel format differs from the source's.</exception>
    public static void Apply(ImageView source, SimilarityTransform transform, ImageBuffer destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        if (destination.Format != source.Format)
            throw new ArgumentException($"Destination is {destination.Format}; the source is {source.Format}.", nameof(destination));
        if (transform.Scale <= 0 || !float.IsFinite(transform.Scale))
            throw new ArgumentOutOfRangeException(nameof(transform), transform.Scale, "Scale must be positive and finite.");

        int channels = source.BytesPerPixel;
        ReadOnlySpan<byte> pixels = source.Pixels.Span;
        int stride = source.Stride, maxX = source.Width - 1, maxY = source.Height - 1;
        // Walking a destination row moves the source position by a constant step.
        Vector2 origin = transform.ApplyInverse(new Vector2(0.5f, 0.5f));
        Vector2 stepX = transform.ApplyInverse(new Vector2(1.5f, 0.5f)) - origin;
        Vector2 stepY = transform.ApplyInverse(new Vector2(0.5f, 1.5f)) - origin;
        for (int y = 0; y < destination.Height; y++)
        {
            Span<byte> row = destination.Row(y);
            Vector2 start = origin + y * stepY;
            for (int x = 0; x < destination.Width; x++)
            {
                // Source position in "pixel centre at integer" coordinates.
                float sx = start.X + x * stepX.X - 0.5f, sy = start.Y + x * stepX.Y - 0.5f;
                float fx0 = MathF.Floor(sx), fy0 = MathF.Floor(sy);
                float wx = sx - fx0, wy = sy - fy0;
                int x0 = Clamp(fx0, maxX), x1 = Clamp(fx0 + 1, maxX), y0 = Clamp(fy0, maxY), y1 = Clamp(fy0 + 1, maxY);
                int a = y0 * stride + x0 * channels, b = y0 * stride + x1 * channels;
                int c = y1 * stride + x0 * channels, d = y1 * stride + x1 * channels;
                int o = x * channels;
                for (int ch = 0; ch < channels; ch++)
                {
                    float top = pixels[a + ch] + wx * (pixels[b + ch] - pixels[a + ch]);
                    float bottom = pixels[c + ch] + wx * (pixels[d + ch] - pixels[c + ch]);
                    row[o + ch] = (byte)Math.Clamp(MathF.Round(top + wy * (bottom - top)), 0f, 255f);
                }
            }
        }
    }

    private static int Clamp(float index, int max) => index <= 0 ? 0 : index >= max ? max : (int)index;
}
