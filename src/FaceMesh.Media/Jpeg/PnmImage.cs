using FaceMesh.Imaging;
using FaceMesh.Media.Sniffing;

namespace FaceMesh.Media.Jpeg;

/// <summary>Binary PPM (P6, RGB) and PGM (P5, grey) images with 8-bit samples, as djpeg writes them.</summary>
internal static class PnmImage
{
    /// <summary>Whether djpeg's output header describes samples we can take as they are.</summary>
    public static bool IsSupported(PnmHeader header) => header.Kind is '5' or '6' && header.MaxValue == 255;

    /// <returns>The image, or null when the bytes are not an 8-bit P5/P6 image of consistent size.</returns>
    public static ImageBuffer? TryDecode(ReadOnlySpan<byte> bytes, PixelFormat format)
    {
        if (PnmHeader.TryParse(bytes, out _) is not { } header || !IsSupported(header)) return null;
        int rowBytes = header.Width * header.Depth;
        if ((bytes.Length - header.Length) / rowBytes < header.Height) return null;
        var image = new ImageBuffer(header.Width, header.Height, format);
        for (int y = 0; y < header.Height; y++)
            ConvertRow(bytes.Slice(header.Length + y * rowBytes, rowBytes), header.Depth, image.Row(y), format);
        return image;
    }

    /// <summary>One row of grey or RGB samples into <paramref name="format"/>.</summary>
    public static void ConvertRow(ReadOnlySpan<byte> source, int channels, Span<byte> row, PixelFormat format)
    {
        var (r, g, b) = format.ChannelOffsets();
        int bpp = format.BytesPerPixel();
        for (int s = 0, d = 0; d < row.Length; s += channels, d += bpp)
        {
            row[d + r] = source[s];
            row[d + g] = source[s + (channels - 1) / 2];
            row[d + b] = source[s + channels - 1];
            if (bpp == 4) row[d + 3] = 255;
        }
    }
}
