using System.Buffers.Binary;

namespace FaceMesh.Media.Sniffing;

/// <summary>
/// Reads the Orientation tag (0x0112) from IFD0 of an EXIF block (a TIFF structure: byte order,
/// magic 42, directory offset, directory entries), as a JPEG APP1 or PNG eXIf chunk carries it.
/// </summary>
internal static class ExifOrientation
{
    public const int Upright = 1;
    private const ushort OrientationTag = 0x0112;
    private const ushort ShortType = 3;
    private const int EntrySize = 12;

    /// <returns>1..8, or <see cref="Upright"/> when the block is malformed or has no valid tag.</returns>
    public static int Parse(ReadOnlySpan<byte> tiff)
    {
        if (tiff.Length < 8) return Upright;
        bool little;
        if (tiff[0] == (byte)'I' && tiff[1] == (byte)'I') little = true;
        else if (tiff[0] == (byte)'M' && tiff[1] == (byte)'M') little = false;
        else return Upright;
        if (ReadU16(tiff[2..], little) != 42) return Upright;
        uint directory = ReadU32(tiff[4..], little);
        if (directory > (uint)tiff.Length - 2 || directory < 8) return Upright;
        int count = ReadU16(tiff[(int)directory..], little);
        int first = (int)directory + 2;
        for (int i = 0; i < count; i++)
        {
            int entry = first + i * EntrySize;
            if (entry > tiff.Length - EntrySize) break;
            if (ReadU16(tiff[entry..], little) != OrientationTag) continue;
            if (ReadU16(tiff[(entry + 2)..], little) != ShortType || ReadU32(tiff[(entry + 4)..], little) != 1) return Upright;
            int value = ReadU16(tiff[(entry + 8)..], little);
            return value is >= 1 and <= 8 ? value : Upright;
        }
        return Upright;
    }

    private static ushort ReadU16(ReadOnlySpan<byte> b, bool little) =>
        little ? BinaryPrimitives.ReadUInt16LittleEndian(b) : BinaryPrimitives.ReadUInt16BigEndian(b);

    private static uint ReadU32(ReadOnlySpan<byte> b, bool little) =>
        little ? BinaryPrimitives.ReadUInt32LittleEndian(b) : BinaryPrimitives.ReadUInt32BigEndian(b);
}
