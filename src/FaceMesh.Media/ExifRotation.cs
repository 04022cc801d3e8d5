using FaceMesh.Imaging;

namespace FaceMesh.Media;

/// <summary>
/// Turns a stored image upright according to its EXIF orientation (1..8), as browsers and
/// MediaPipe's Python image loading do: 2 mirrors, 3 turns half way, 4 flips, 5 transposes,
/// 6 turns a quarter clockwise, 7 transverses, 8 turns a quarter counter-clockwise.
/// </summary>
internal static class ExifRotation
{
    /// <returns><paramref name="stored"/> itself for orientation 1, else a new upright buffer
    /// (the caller disposes <paramref name="stored"/>).</returns>
    public static ImageBuffer Apply(ImageBuffer stored, int orientation)
    {
        if (orientation is < 2 or > 8) return stored;
        int w = stored.Width, h = stored.Height, bpp = stored.Format.BytesPerPixel();
        bool swaps = orientation >= 5;
        var upright = new ImageBuffer(swaps ? h : w, swaps ? w : h, stored.Format);
        ReadOnlySpan<byte> source = stored.Span;
        for (int y = 0; y < upright.Height; y++)
        {
            Span<byte> row = upright.Row(y);
            for (int x = 0; x < upright.Width; x++)
            {
                (int sx, int sy) = orientation switch
                {
                    2 => (w - 1 - x, y),
                    3 => (w - 1 - x, h - 1 - y),
                    4 => (x, h - 1 - y),
                    5 => (y, x),
                    6 => (y, h - 1 - x),
                    7 => (w - 1 - y, h - 1 - x),
                    _ => (w - 1 - y, x),
                };
                source.Slice((sy * w + sx) * bpp, bpp).CopyTo(row.Slice(x * bpp, bpp));
            }
        }
        return upright;
    }
}
