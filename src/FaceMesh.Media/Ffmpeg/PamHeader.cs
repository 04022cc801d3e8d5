using System.Buffers.Text;

namespace FaceMesh.Media.Ffmpeg;

/// <summary>
/// The header of a PAM (Netpbm "P7") image. Images are decoded to PAM rather than headerless raw
/// video so the size comes from the decoder's actual output, whatever orientation handling the
/// installed ffmpeg applies (newer versions honour EXIF rotation).
/// </summary>
internal readonly record struct PamHeader(int Width, int Height, int Depth)
{
    private const int MaxHeaderBytes = 1024;

    /// <summary>Reads the header byte by byte (it is tiny) so the stream is left at the first pixel.</summary>
    /// <returns>Null when the stream ended before any byte (ffmpeg produced nothing).</returns>
    public static async Task<PamHeader?> ReadAsync(Stream stream, CancellationToken cancellationToken)
    {
        byte[] header = new byte[MaxHeaderBytes];
        byte[] one = new byte[1];
        int length = 0;
        while (true)
        {
            int read = await stream.ReadAsync(one, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                if (length == 0) return null;
                throw new MediaException("ffmpeg's image output ended inside the PAM header");
            }
            if (length == header.Length) throw new MediaException("ffmpeg's PAM header is too long");
            header[length++] = one[0];
            if (one[0] == (byte)'\n' && header.AsSpan(0, length).EndsWith("ENDHDR\n"u8)) break;
        }
        return Parse(header.AsSpan(0, length));
    }

    internal static PamHeader Parse(ReadOnlySpan<byte> header)
    {
        if (!header.StartsWith("P7\n"u8)) throw new MediaException("ffmpeg's image output is not a PAM image");
        int width = 0, height = 0, depth = 0, maxValue = 0;
        foreach (Range range in header.Split((byte)'\n'))
        {
            ReadOnlySpan<byte> line = header[range];
            int space = line.IndexOf((byte)' ');
            if (space < 0) continue;
            ReadOnlySpan<byte> key = line[..space];
            if (!Utf8Parser.TryParse(line[(space + 1)..], out int value, out _)) continue;
            if (key.SequenceEqual("WIDTH"u8)) width = value;
            else if (key.SequenceEqual("HEIGHT"u8)) height = value;
            else if (key.SequenceEqual("DEPTH"u8)) depth = value;
            else if (key.SequenceEqual("MAXVAL"u8)) maxValue = value;
        }
        if (width <= 0 || height <= 0 || depth is not (3 or 4) || maxValue != 255)
            throw new MediaException($"Unexpected PAM image from ffmpeg: {width}x{height}, depth {depth}, maxval {maxValue}");
        return new PamHeader(width, height, depth);
    }
}
