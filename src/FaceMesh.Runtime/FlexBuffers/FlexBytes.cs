using System.Buffers.Binary;
using System.Text;
using FaceMesh.Runtime.Model;

namespace FaceMesh.Runtime.FlexBuffers;

/// <summary>
/// Bounds-checked little-endian reads of FlexBuffers scalars of width 1, 2, 4 or 8 bytes. Positions
/// are <see cref="long"/> so that offset arithmetic on hostile input cannot wrap.
/// </summary>
internal static class FlexBytes
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static void Require(ReadOnlySpan<byte> bytes, long position, long size, string what)
    {
        if (position < 0 || size < 0 || position > bytes.Length - size)
        {
            throw new ModelFormatException(
                $"FlexBuffers: {what} (bytes {position}..{position + size}) lies outside the {bytes.Length}-byte buffer.");
        }
    }

    public static ulong ReadUInt(ReadOnlySpan<byte> bytes, long position, int width, string what)
    {
        Require(bytes, position, width, what);
        ReadOnlySpan<byte> at = bytes[(int)position..];
        return width switch
        {
            1 => at[0],
            2 => BinaryPrimitives.ReadUInt16LittleEndian(at),
            4 => BinaryPrimitives.ReadUInt32LittleEndian(at),
            8 => BinaryPrimitives.ReadUInt64LittleEndian(at),
            _ => throw new ModelFormatException($"FlexBuffers: {what} has invalid width {width}."),
        };
    }

    public static long ReadInt(ReadOnlySpan<byte> bytes, long position, int width, string what)
    {
        Require(bytes, position, width, what);
        ReadOnlySpan<byte> at = bytes[(int)position..];
        return width switch
        {
            1 => unchecked((sbyte)at[0]),
            2 => BinaryPrimitives.ReadInt16LittleEndian(at),
            4 => BinaryPrimitives.ReadInt32LittleEndian(at),
            8 => BinaryPrimitives.ReadInt64LittleEndian(at),
            _ => throw new ModelFormatException($"FlexBuffers: {what} has invalid width {width}."),
        };
    }

    public static double ReadFloat(ReadOnlySpan<byte> bytes, long position, int width, string what)
    {
        Require(bytes, position, width, what);
        ReadOnlySpan<byte> at = bytes[(int)position..];
        return width switch
        {
            4 => BinaryPrimitives.ReadSingleLittleEndian(at),
            8 => BinaryPrimitives.ReadDoubleLittleEndian(at),
            _ => throw new ModelFormatException($"FlexBuffers: {what} is a {width}-byte float; only 4 and 8 bytes exist."),
        };
    }

    /// <summary>A NUL-terminated UTF-8 string starting at <paramref name="position"/> (a FlexBuffers key).</summary>
    public static string ReadCString(ReadOnlySpan<byte> bytes, long position, string what)
    {
        Require(bytes, position, 1, what);
        ReadOnlySpan<byte> rest = bytes[(int)position..];
        int end = rest.IndexOf((byte)0);
        if (end < 0)
        {
            throw new ModelFormatException($"FlexBuffers: {what} at byte {position} is not NUL-terminated.");
        }

        return Decode(rest[..end], what);
    }

    public static string Decode(ReadOnlySpan<byte> utf8, string what)
    {
        try
        {
            return StrictUtf8.GetString(utf8);
        }
        catch (DecoderFallbackException e)
        {
            throw new ModelFormatException($"FlexBuffers: {what} is not valid UTF-8.", e);
        }
    }
}
