using System.Buffers.Binary;
using System.Text;

namespace FaceMesh.Runtime.Model.FlatBuffers;

/// <summary>
/// Little-endian primitive reads from a flatbuffer that first prove the bytes exist. Positions are
/// taken as <see cref="long"/> so that offset arithmetic on hostile input cannot wrap around.
/// </summary>
internal static class FlatBufferBytes
{
    // Decoding must fail on malformed UTF-8 instead of silently inserting U+FFFD: a name that does
    // not decode is a sign that an offset points into the wrong place.
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static bool Fits(ReadOnlySpan<byte> bytes, long position, long size) =>
        position >= 0 && size >= 0 && position <= bytes.Length - size;

    public static void Require(ReadOnlySpan<byte> bytes, long position, long size, string context, string what)
    {
        if (!Fits(bytes, position, size))
        {
            throw new ModelFormatException($"{context}: {what} runs past the end of the file " +
                $"(needs bytes {position}..{position + size} of {bytes.Length}).");
        }
    }

    public static byte ReadByte(ReadOnlySpan<byte> bytes, long position, string context, string what)
    {
        Require(bytes, position, 1, context, what);
        return bytes[(int)position];
    }

    public static ushort ReadUInt16(ReadOnlySpan<byte> bytes, long position, string context, string what)
    {
        Require(bytes, position, 2, context, what);
        return BinaryPrimitives.ReadUInt16LittleEndian(bytes[(int)position..]);
    }

    public static int ReadInt32(ReadOnlySpan<byte> bytes, long position, string context, string what)
    {
        Require(bytes, position, 4, context, what);
        return BinaryPrimitives.ReadInt32LittleEndian(bytes[(int)position..]);
    }

    public static uint ReadUInt32(ReadOnlySpan<byte> bytes, long position, string context, string what)
    {
        Require(bytes, position, 4, context, what);
        return BinaryPrimitives.ReadUInt32LittleEndian(bytes[(int)position..]);
    }

    public static ulong ReadUInt64(ReadOnlySpan<byte> bytes, long position, string context, string what)
    {
        Require(bytes, position, 8, context, what);
        return BinaryPrimitives.ReadUInt64LittleEndian(bytes[(int)position..]);
    }

    public static string DecodeUtf8(ReadOnlySpan<byte> utf8, string context, string what)
    {
        try
        {
            return StrictUtf8.GetString(utf8);
        }
        catch (DecoderFallbackException e)
        {
            throw new ModelFormatException($"{context}: {what} is not valid UTF-8.", e);
        }
    }
}
