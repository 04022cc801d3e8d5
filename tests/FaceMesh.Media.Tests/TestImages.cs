using FaceMesh.Imaging;

namespace FaceMesh.Media.Tests;

internal static class TestImages
{
    /// <summary>A deterministic image with every channel varying, including alpha when present.</summary>
    public static ImageBuffer Pattern(int width, int height, PixelFormat format)
    {
        var image = new ImageBuffer(width, height, format);
        int bpp = format.BytesPerPixel();
        for (int y = 0; y < height; y++)
        {
            Span<byte> row = image.Row(y);
            for (int x = 0; x < width; x++)
                for (int c = 0; c < bpp; c++)
                    row[x * bpp + c] = (byte)((x * 37 + y * 91 + c * 53 + x * y) & 255);
        }
        return image;
    }

    /// <summary>A smooth image (JPEG-friendly) in RGB.</summary>
    public static ImageBuffer Gradient(int width, int height)
    {
        var image = new ImageBuffer(width, height, PixelFormat.Rgb24);
        for (int y = 0; y < height; y++)
        {
            Span<byte> row = image.Row(y);
            for (int x = 0; x < width; x++)
            {
                row[x * 3] = (byte)(255 * x / (width - 1));
                row[x * 3 + 1] = (byte)(255 * y / (height - 1));
                row[x * 3 + 2] = 128;
            }
        }
        return image;
    }

    public static double MeanAbsoluteDifference(ImageView a, ImageView b)
    {
        Assert.Equal((a.Width, a.Height, a.Format), (b.Width, b.Height, b.Format));
        long sum = 0, count = 0;
        for (int y = 0; y < a.Height; y++)
        {
            ReadOnlySpan<byte> ra = a.Row(y), rb = b.Row(y);
            for (int i = 0; i < ra.Length; i++) { sum += Math.Abs(ra[i] - rb[i]); count++; }
        }
        return (double)sum / count;
    }
}
