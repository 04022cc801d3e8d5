using FaceMesh.Imaging;

namespace FaceMesh.Effects.Tests;

internal static class TestImages
{
    public static ImageBuffer Filled(int width, int height, PixelFormat format, byte r, byte g, byte b)
    {
        var image = new ImageBuffer(width, height, format);
        var (ro, go, bo) = format.ChannelOffsets();
        int bpp = format.BytesPerPixel();
        for (int y = 0; y < height; y++)
        {
            Span<byte> row = image.Row(y);
            for (int x = 0; x < width; x++)
            {
                row[x * bpp + ro] = r;
                row[x * bpp + go] = g;
                row[x * bpp + bo] = b;
                if (bpp == 4) row[x * bpp + 3] = 255;
            }
        }
        return image;
    }

    /// <summary>Skin-coloured image whose lip-ish pink gets brighter from left to right.</summary>
    public static ImageBuffer PinkGradient(int width, int height)
    {
        var image = new ImageBuffer(width, height, PixelFormat.Rgb24);
        for (int y = 0; y < height; y++)
        {
            Span<byte> row = image.Row(y);
            for (int x = 0; x < width; x++)
            {
                float t = (float)x / (width - 1);
                row[x * 3] = (byte)(120 + 110 * t);
                row[x * 3 + 1] = (byte)(60 + 70 * t);
                row[x * 3 + 2] = (byte)(70 + 70 * t);
            }
        }
        return image;
    }

    public static (byte R, byte G, byte B) Pixel(ImageBuffer image, int x, int y)
    {
        var (ro, go, bo) = image.Format.ChannelOffsets();
        int i = x * image.Format.BytesPerPixel();
        Span<byte> row = image.Row(y);
        return (row[i + ro], row[i + go], row[i + bo]);
    }

    public static double Luma((byte R, byte G, byte B) p) => 0.2126 * p.R + 0.7152 * p.G + 0.0722 * p.B;

    /// <summary>Hue angle in degrees (0 = red).</summary>
    public static double Hue((byte R, byte G, byte B) p)
    {
        double r = p.R / 255.0, g = p.G / 255.0, b = p.B / 255.0;
        double max = Math.Max(r, Math.Max(g, b)), min = Math.Min(r, Math.Min(g, b)), d = max - min;
        if (d == 0) return 0;
        double h = max == r ? (g - b) / d % 6 : max == g ? (b - r) / d + 2 : (r - g) / d + 4;
        return (h * 60 + 360) % 360;
    }

    public static double HueDistance(double a, double b)
    {
        double d = Math.Abs(a - b) % 360;
        return d > 180 ? 360 - d : d;
    }
}
