using System.Buffers.Text;
using FaceMesh.Imaging;

namespace FaceMesh.Media.Jpeg;

/// <summary>Binary PPM (P6, RGB) and PGM (P5, grey) images with 8-bit samples, as djpeg writes them.</summary>
internal static class PnmImage
{
    /// <returns>The image, or null when the bytes are not an 8-bit P5/P6 image of consistent size.</returns>
    public static ImageBuffer? TryDecode(ReadOnlySpan<byte> bytes, PixelFormat format)
    {
        if (bytes.Length < 2 || bytes[0] != (byte)'P' || bytes[1] is not ((byte)'5' or (byte)'6')) return null;
        int channels = bytes[1] == (byte)'6' ? 3 : 1;
        int position = 2;
        Span<int> fields = stackalloc int[3]; // width, height, maxval
        for (int i = 0; i < 3; i++)
        {
            if (!SkipSpaceAndComments(bytes, ref position)) return null;
            if (!Utf8Parser.TryParse(bytes[position..], out fields[i], out int consumed) || consumed == 0) return null;
            position += consumed;
        }
        // Exactly one whitespace byte separates the header from the samples.
        position++;
        int width = fields[0], height = fields[1];
        if (width <= 0 || height <= 0 || fields[2] != 255) return null;
        long expected = (long)width * height * channels;
        if (bytes.Length - position < expected) return null;

        ReadOnlySpan<byte> samples = bytes.Slice(position, (int)expected);
        var image = new ImageBuffer(width, height, format);
        var (r, g, b) = format.ChannelOffsets();
        int bpp = format.BytesPerPixel();
        for (int y = 0; y < height; y++)
        {
            Span<byte> row = image.Row(y);
            ReadOnlySpan<byte> source = samples.Slice(y * width * channels, width * channels);
            for (int x = 0; x < width; x++)
            {
                int s = x * channels, d = x * bpp;
                row[d + r] = source[s];
                row[d + g] = source[s + (channels - 1) / 2];
                row[d + b] = source[s + channels - 1];
                if (bpp == 4) row[d + 3] = 255;
            }
        }
        return image;
    }

    private static bool SkipSpaceAndComments(ReadOnlySpan<byte> bytes, ref int position)
    {
        while (position < bytes.Length)
        {
            byte c = bytes[position];
            if (c == (byte)'#')
            {
                while (position < bytes.Length && bytes[position] != (byte)'\n') position++;
            }
            else if (c is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
            {
                position++;
            }
            else
            {
                return true;
            }
        }
        return false;
    }
}
