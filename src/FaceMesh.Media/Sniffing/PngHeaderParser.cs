using System.Buffers.Binary;

namespace FaceMesh.Media.Sniffing;

/// <summary>
/// Reads a PNG's IHDR for the declared size and walks the chunks before the first IDAT for an
/// eXIf chunk (EXIF orientation must precede the image data, by the PNG specification).
/// </summary>
internal static class PngHeaderParser
{
    private static ReadOnlySpan<byte> Signature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    public static bool Matches(ReadOnlySpan<byte> head) => head.StartsWith(Signature);

    public static HeaderParse Parse(ReadOnlySpan<byte> data)
    {
        const int ihdrEnd = 33; // signature 8 + length 4 + type 4 + data 13 + crc 4
        if (data.Length < 24) return HeaderParse.NeedMore;
        if (!data[12..16].SequenceEqual("IHDR"u8) || BinaryPrimitives.ReadUInt32BigEndian(data[8..]) != 13)
            return HeaderParse.Bad("PNG does not start with an IHDR chunk");
        long width = BinaryPrimitives.ReadUInt32BigEndian(data[16..]);
        long height = BinaryPrimitives.ReadUInt32BigEndian(data[20..]);
        // The PNG specification caps both at 2^31-1.
        if (width is 0 or > int.MaxValue || height is 0 or > int.MaxValue) return HeaderParse.Bad($"PNG declares a {width}x{height} image");
        int orientation = ExifOrientation.Upright;
        long position = ihdrEnd;
        while (true)
        {
            if (position + 8 > data.Length) return HeaderParse.NeedMore;
            uint length = BinaryPrimitives.ReadUInt32BigEndian(data[(int)position..]);
            if (length > int.MaxValue) return HeaderParse.Bad($"PNG chunk length {length}");
            ReadOnlySpan<byte> type = data.Slice((int)position + 4, 4);
            if (type.SequenceEqual("IDAT"u8) || type.SequenceEqual("IEND"u8)) break;
            long next = position + 12 + length;
            if (type.SequenceEqual("eXIf"u8))
            {
                if (position + 8 + length > data.Length) return HeaderParse.NeedMore;
                orientation = ExifOrientation.Parse(data.Slice((int)position + 8, (int)length));
                break;
            }
            position = next;
        }
        return HeaderParse.Ok(new ImageHeader(ImageContainer.Png, "png_pipe", width, height, 0, orientation));
    }
}
