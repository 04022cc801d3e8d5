using System.Buffers.Binary;

namespace FaceMesh.Media.Sniffing;

/// <summary>
/// Walks a JPEG's marker segments up to its frame header (SOFn) for the declared size and colour
/// components, picking up the EXIF orientation from an APP1 segment on the way.
/// </summary>
internal static class JpegHeaderParser
{
    private const byte Marker = 0xFF;
    private const byte App1 = 0xE1;
    private const byte StartOfScan = 0xDA;
    private const byte EndOfImage = 0xD9;

    public static bool Matches(ReadOnlySpan<byte> head) =>
        head.Length >= 3 && head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF;

    public static HeaderParse Parse(ReadOnlySpan<byte> data)
    {
        int orientation = ExifOrientation.Upright;
        bool sawExif = false;
        int i = 2;
        while (true)
        {
            if (i >= data.Length) return HeaderParse.NeedMore;
            if (data[i] != Marker) return HeaderParse.Bad($"no JPEG marker at byte {i}");
            while (i < data.Length && data[i] == Marker) i++; // fill bytes
            if (i >= data.Length) return HeaderParse.NeedMore;
            byte marker = data[i++];
            if (marker is 0x01 or (>= 0xD0 and <= 0xD7)) continue; // no length field
            if (marker is StartOfScan or EndOfImage or 0xD8 or 0x00)
                return HeaderParse.Bad("no JPEG frame header before the image data");
            if (i + 2 > data.Length) return HeaderParse.NeedMore;
            int length = BinaryPrimitives.ReadUInt16BigEndian(data[i..]);
            if (length < 2) return HeaderParse.Bad($"JPEG segment length {length} at byte {i}");
            int end = i + length;
            if (IsStartOfFrame(marker))
            {
                if (length < 8) return HeaderParse.Bad("JPEG frame header too short");
                if (i + 8 > data.Length) return HeaderParse.NeedMore;
                int height = BinaryPrimitives.ReadUInt16BigEndian(data[(i + 3)..]);
                int width = BinaryPrimitives.ReadUInt16BigEndian(data[(i + 5)..]);
                int components = data[i + 7];
                if (width == 0 || height == 0)
                    return HeaderParse.Bad($"JPEG frame header declares a {width}x{height} image");
                return HeaderParse.Ok(new ImageHeader(ImageContainer.Jpeg, "jpeg_pipe", width, height, components, orientation));
            }
            if (marker == App1 && !sawExif)
            {
                if (end > data.Length) return HeaderParse.NeedMore;
                ReadOnlySpan<byte> payload = data[(i + 2)..end];
                if (payload.StartsWith("Exif\0\0"u8))
                {
                    sawExif = true;
                    orientation = ExifOrientation.Parse(payload[6..]);
                }
            }
            i = end;
        }
    }

    /// <summary>SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC), which share the range.</summary>
    private static bool IsStartOfFrame(byte marker) =>
        marker is >= 0xC0 and <= 0xCF and not (0xC4 or 0xC8 or 0xCC);
}
