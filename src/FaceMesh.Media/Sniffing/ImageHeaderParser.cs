using System.Buffers.Binary;

namespace FaceMesh.Media.Sniffing;

/// <summary>
/// Recognises the still-image formats we decode by their magic bytes (never by file name) and
/// reads their declared size. Anything else is <see cref="HeaderStatus.Unrecognised"/>.
/// </summary>
internal static class ImageHeaderParser
{
    /// <param name="data">The file's first bytes (at least the first 64 KB, or all of a shorter file,
    /// so every signature is complete).</param>
    public static HeaderParse Parse(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty) return HeaderParse.NeedMore;
        if (JpegHeaderParser.Matches(data)) return JpegHeaderParser.Parse(data);
        if (PngHeaderParser.Matches(data)) return PngHeaderParser.Parse(data);
        if (data.Length >= 12 && data.StartsWith("RIFF"u8) && data[8..12].SequenceEqual("WEBP"u8)) return WebP(data);
        if (data.StartsWith("GIF87a"u8) || data.StartsWith("GIF89a"u8)) return Gif(data);
        if (data.StartsWith("BM"u8)) return Bmp(data);
        if (data.StartsWith("II*\0"u8) || data.StartsWith("MM\0*"u8)) return Tiff(data);
        if (PnmHeader.Matches(data)) return PnmHeader.Sniff(data);
        return HeaderParse.Unrecognised;
    }

    private static HeaderParse WebP(ReadOnlySpan<byte> data)
    {
        if (data.Length < 30) return HeaderParse.NeedMore;
        ReadOnlySpan<byte> chunk = data[12..16];
        long width, height;
        if (chunk.SequenceEqual("VP8 "u8))
        {
            if (data[23] != 0x9D || data[24] != 0x01 || data[25] != 0x2A) return HeaderParse.Bad("WebP VP8 frame without start code");
            width = BinaryPrimitives.ReadUInt16LittleEndian(data[26..]) & 0x3FFF;
            height = BinaryPrimitives.ReadUInt16LittleEndian(data[28..]) & 0x3FFF;
        }
        else if (chunk.SequenceEqual("VP8L"u8))
        {
            if (data[20] != 0x2F) return HeaderParse.Bad("WebP lossless frame without signature");
            uint bits = BinaryPrimitives.ReadUInt32LittleEndian(data[21..]);
            width = (bits & 0x3FFF) + 1;
            height = ((bits >> 14) & 0x3FFF) + 1;
        }
        else if (chunk.SequenceEqual("VP8X"u8))
        {
            width = ReadU24(data[24..]) + 1L;
            height = ReadU24(data[27..]) + 1L;
        }
        else
        {
            return HeaderParse.Bad("unknown WebP chunk");
        }
        if (width == 0 || height == 0) return HeaderParse.Bad($"WebP declares a {width}x{height} image");
        return HeaderParse.Ok(new ImageHeader(ImageContainer.WebP, "webp_pipe", width, height, 0, ExifOrientation.Upright));
    }

    private static HeaderParse Gif(ReadOnlySpan<byte> data)
    {
        if (data.Length < 10) return HeaderParse.NeedMore;
        int width = BinaryPrimitives.ReadUInt16LittleEndian(data[6..]);
        int height = BinaryPrimitives.ReadUInt16LittleEndian(data[8..]);
        if (width == 0 || height == 0) return HeaderParse.Bad($"GIF declares a {width}x{height} image");
        return HeaderParse.Ok(new ImageHeader(ImageContainer.Gif, "gif", width, height, 0, ExifOrientation.Upright));
    }

    private static HeaderParse Bmp(ReadOnlySpan<byte> data)
    {
        if (data.Length < 26) return HeaderParse.NeedMore;
        uint infoSize = BinaryPrimitives.ReadUInt32LittleEndian(data[14..]);
        long width, height;
        if (infoSize == 12)
        {
            width = BinaryPrimitives.ReadUInt16LittleEndian(data[18..]);
            height = BinaryPrimitives.ReadUInt16LittleEndian(data[20..]);
        }
        else
        {
            width = BinaryPrimitives.ReadInt32LittleEndian(data[18..]);
            height = Math.Abs((long)BinaryPrimitives.ReadInt32LittleEndian(data[22..])); // negative = top-down rows
        }
        if (width <= 0 || height == 0) return HeaderParse.Bad($"BMP declares a {width}x{height} image");
        return HeaderParse.Ok(new ImageHeader(ImageContainer.Bmp, "bmp_pipe", width, height, 0, ExifOrientation.Upright));
    }

    /// <summary>
    /// The first directory's ImageWidth/ImageLength when it lies within <paramref name="data"/>;
    /// many writers put it at the end of the file, and then the size is left to the decoder's limit.
    /// </summary>
    private static HeaderParse Tiff(ReadOnlySpan<byte> data)
    {
        var unknownSize = HeaderParse.Ok(new ImageHeader(ImageContainer.Tiff, "tiff_pipe", 0, 0, 0, ExifOrientation.Upright));
        if (data.Length < 8) return HeaderParse.NeedMore;
        bool little = data[0] == (byte)'I';
        uint directory = little ? BinaryPrimitives.ReadUInt32LittleEndian(data[4..]) : BinaryPrimitives.ReadUInt32BigEndian(data[4..]);
        if (directory < 8) return HeaderParse.Bad($"TIFF directory offset {directory}");
        if (directory > (uint)data.Length - 2) return unknownSize;
        int count = ReadU16(data[(int)directory..], little);
        long width = 0, height = 0;
        for (int i = 0; i < count; i++)
        {
            long entry = directory + 2L + i * 12L;
            if (entry + 12 > data.Length) return unknownSize;
            ReadOnlySpan<byte> e = data.Slice((int)entry, 12);
            int tag = ReadU16(e, little), type = ReadU16(e[2..], little);
            long value = type switch
            {
                3 => ReadU16(e[8..], little),
                4 => little ? BinaryPrimitives.ReadUInt32LittleEndian(e[8..]) : BinaryPrimitives.ReadUInt32BigEndian(e[8..]),
                _ => 0,
            };
            if (tag == 256) width = value;
            else if (tag == 257) height = value;
        }
        if (width == 0 || height == 0) return unknownSize;
        return HeaderParse.Ok(new ImageHeader(ImageContainer.Tiff, "tiff_pipe", width, height, 0, ExifOrientation.Upright));
    }

    private static int ReadU16(ReadOnlySpan<byte> b, bool little) =>
        little ? BinaryPrimitives.ReadUInt16LittleEndian(b) : BinaryPrimitives.ReadUInt16BigEndian(b);

    private static int ReadU24(ReadOnlySpan<byte> b) => b[0] | b[1] << 8 | b[2] << 16;
}
