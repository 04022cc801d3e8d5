using System.Buffers.Text;

namespace FaceMesh.Media.Sniffing;

/// <summary>
/// Netpbm headers: P1..P6 ("P6 640 480 255" with whitespace and # comments between fields) and
/// P7 (PAM: KEY VALUE lines up to ENDHDR). Parsed from untrusted bytes, so every field is checked.
/// </summary>
internal readonly record struct PnmHeader(char Kind, int Width, int Height, int MaxValue, int Depth, int Length)
{
    private const int MaxPamHeaderBytes = 4096;

    public static bool Matches(ReadOnlySpan<byte> head) =>
        head.Length >= 3 && head[0] == (byte)'P' && head[1] is >= (byte)'1' and <= (byte)'7'
        && head[2] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or (byte)'#';

    /// <summary>ffmpeg's demuxer for the kind.</summary>
    public string Demuxer => Kind switch
    {
        '1' or '4' => "pbm_pipe",
        '2' or '5' => "pgm_pipe",
        '3' or '6' => "ppm_pipe",
        _ => "pam_pipe",
    };

    public static HeaderParse Sniff(ReadOnlySpan<byte> data)
    {
        PnmHeader? header = TryParse(data, out bool needMore);
        if (header is { } h) return HeaderParse.Ok(new ImageHeader(ImageContainer.Pnm, h.Demuxer, h.Width, h.Height, 0, ExifOrientation.Upright));
        return needMore ? HeaderParse.NeedMore : HeaderParse.Bad("malformed Netpbm header");
    }

    /// <returns>The header (Length = bytes up to the first sample), or null when malformed or incomplete.</returns>
    public static PnmHeader? TryParse(ReadOnlySpan<byte> data, out bool needMore)
    {
        needMore = false;
        if (data.Length < 3) { needMore = true; return null; }
        if (!Matches(data)) return null;
        char kind = (char)data[1];
        return kind == '7' ? ParsePam(data, out needMore) : ParsePlain(kind, data, out needMore);
    }

    private static PnmHeader? ParsePlain(char kind, ReadOnlySpan<byte> data, out bool needMore)
    {
        needMore = false;
        bool bitmap = kind is '1' or '4';
        Span<int> fields = stackalloc int[3]; // width, height, maxval
        fields[2] = 1;
        int position = 2;
        for (int i = 0; i < (bitmap ? 2 : 3); i++)
        {
            if (!SkipSpaceAndComments(data, ref position)) { needMore = true; return null; }
            int digits = 0;
            while (position + digits < data.Length && char.IsAsciiDigit((char)data[position + digits])) digits++;
            if (position + digits == data.Length) { needMore = true; return null; }
            if (digits == 0 || digits > 9 || !Utf8Parser.TryParse(data.Slice(position, digits), out fields[i], out _)) return null;
            position += digits;
        }
        // Exactly one whitespace byte separates the header from the samples.
        if (!IsSpace(data[position])) return null;
        position++;
        if (fields[0] <= 0 || fields[1] <= 0 || fields[2] is <= 0 or > 65535) return null;
        return new PnmHeader(kind, fields[0], fields[1], fields[2], kind is '3' or '6' ? 3 : 1, position);
    }

    private static PnmHeader? ParsePam(ReadOnlySpan<byte> data, out bool needMore)
    {
        needMore = false;
        int end = data.IndexOf("\nENDHDR\n"u8);
        if (end < 0)
        {
            needMore = data.Length < MaxPamHeaderBytes;
            return null;
        }
        int length = end + "\nENDHDR\n".Length;
        int width = 0, height = 0, depth = 0, maxValue = 0;
        ReadOnlySpan<byte> header = data[..end];
        foreach (Range range in header.Split((byte)'\n'))
        {
            ReadOnlySpan<byte> line = header[range];
            int space = line.IndexOf((byte)' ');
            if (space < 0) continue;
            ReadOnlySpan<byte> key = line[..space];
            if (!Utf8Parser.TryParse(line[(space + 1)..].Trim((byte)' '), out int value, out _)) continue;
            if (key.SequenceEqual("WIDTH"u8)) width = value;
            else if (key.SequenceEqual("HEIGHT"u8)) height = value;
            else if (key.SequenceEqual("DEPTH"u8)) depth = value;
            else if (key.SequenceEqual("MAXVAL"u8)) maxValue = value;
        }
        if (width <= 0 || height <= 0 || depth is < 1 or > 4 || maxValue is <= 0 or > 65535) return null;
        return new PnmHeader('7', width, height, maxValue, depth, length);
    }

    private static bool IsSpace(byte c) => c is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n';

    private static bool SkipSpaceAndComments(ReadOnlySpan<byte> bytes, ref int position)
    {
        while (position < bytes.Length)
        {
            byte c = bytes[position];
            if (c == (byte)'#')
            {
                while (position < bytes.Length && bytes[position] != (byte)'\n') position++;
            }
            else if (IsSpace(c))
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
