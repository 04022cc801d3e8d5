using System.Buffers.Binary;

namespace FaceMesh.Web;

/// <summary>
/// The 12-byte header of a binary frame message, little-endian: "FM", version 1, pixel format
/// (1 = RGBA, 8 bits a channel, rows top to bottom without padding: what a canvas's getImageData
/// gives), width and height as uint16, the client's frame number as uint32. The pixels follow,
/// exactly width*height*4 bytes.
/// </summary>
internal readonly record struct FrameHeader(int Width, int Height, uint Sequence)
{
    public const int Size = 12;
    public const byte Version = 1;
    public const byte FormatRgba = 1;

    public int PixelBytes => Width * Height * 4;

    /// <returns>Null when the header is valid, else why not (for the error reply).</returns>
    public static string? TryParse(ReadOnlySpan<byte> bytes, int maxSide, out FrameHeader header)
    {
        header = default;
        if (bytes.Length < Size) return $"a frame message starts with a {Size}-byte header; this one has {bytes.Length} bytes";
        if (bytes[0] != (byte)'F' || bytes[1] != (byte)'M') return "a frame message starts with the magic bytes 'FM'";
        if (bytes[2] != Version) return $"unsupported frame header version {bytes[2]} (expected {Version})";
        if (bytes[3] != FormatRgba) return $"unsupported pixel format {bytes[3]} (expected {FormatRgba} = RGBA)";
        int width = BinaryPrimitives.ReadUInt16LittleEndian(bytes[4..]);
        int height = BinaryPrimitives.ReadUInt16LittleEndian(bytes[6..]);
        uint sequence = BinaryPrimitives.ReadUInt32LittleEndian(bytes[8..]);
        header = new FrameHeader(width, height, sequence);
        if (width == 0 || height == 0) return $"frame {sequence}: size {width}x{height} is empty";
        if (width > maxSide || height > maxSide) return $"frame {sequence}: size {width}x{height} exceeds this server's limit of {maxSide} pixels a side";
        return null;
    }
}
