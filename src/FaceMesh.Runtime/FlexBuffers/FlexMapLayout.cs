using FaceMesh.Runtime.Model;

namespace FaceMesh.Runtime.FlexBuffers;

/// <summary>
/// Locates the root value and a root map's keys and values. Layout: the buffer ends with the root
/// value, its packed type and its width; a map is a vector of values (length before, one type byte
/// per value after) preceded by the offset and width of its sorted key vector.
/// </summary>
internal static class FlexMapLayout
{
    public static FlexValue Root(ReadOnlyMemory<byte> buffer)
    {
        ReadOnlySpan<byte> bytes = buffer.Span;
        if (bytes.Length < 3)
        {
            throw new ModelFormatException($"FlexBuffers: {bytes.Length} bytes are too few for a FlexBuffers value.");
        }

        int rootWidth = bytes[^1];
        if (rootWidth is not (1 or 2 or 4 or 8) || bytes.Length < rootWidth + 2)
        {
            throw new ModelFormatException($"FlexBuffers: root width {rootWidth} is invalid for a {bytes.Length}-byte buffer.");
        }

        byte packedType = bytes[^2];
        return new FlexValue(buffer, bytes.Length - 2 - rootWidth, rootWidth, packedType, "root");
    }

    public static (string[] Keys, FlexValue[] Values) ReadEntries(ReadOnlyMemory<byte> buffer)
    {
        ReadOnlySpan<byte> bytes = buffer.Span;
        int rootWidth = bytes[^1];
        long rootSlot = bytes.Length - 2 - rootWidth;
        int width = 1 << (bytes[^2] & 3);

        ulong mapOffset = FlexBytes.ReadUInt(bytes, rootSlot, rootWidth, "root map offset");
        long map = rootSlot - (long)Math.Min(mapOffset, (ulong)long.MaxValue);
        int count = ReadCount(bytes, map - width, width, "map length");

        long keysOffsetSlot = map - (3L * width);
        ulong keysOffset = FlexBytes.ReadUInt(bytes, keysOffsetSlot, width, "map key vector offset");
        long keys = keysOffsetSlot - (long)Math.Min(keysOffset, (ulong)long.MaxValue);
        int keyWidth = (int)Math.Min(FlexBytes.ReadUInt(bytes, map - (2L * width), width, "map key width"), 16);
        if (keyWidth is not (1 or 2 or 4 or 8))
        {
            throw new ModelFormatException($"FlexBuffers: map key vector width {keyWidth} is not 1, 2, 4 or 8.");
        }

        int keyCount = ReadCount(bytes, keys - keyWidth, keyWidth, "map key vector length");
        if (keyCount != count)
        {
            throw new ModelFormatException($"FlexBuffers: the map has {count} values but {keyCount} keys.");
        }

        FlexBytes.Require(bytes, map, (long)count * (width + 1), "map values and their types");
        FlexBytes.Require(bytes, keys, (long)count * keyWidth, "map keys");

        var keyNames = new string[count];
        var values = new FlexValue[count];
        long types = map + ((long)count * width);
        long keyBytes = 0;
        for (int i = 0; i < count; i++)
        {
            long keySlot = keys + ((long)i * keyWidth);
            ulong keyOffset = FlexBytes.ReadUInt(bytes, keySlot, keyWidth, $"map key {i} offset");
            long keyStart = keySlot - (long)Math.Min(keyOffset, (ulong)long.MaxValue);
            keyNames[i] = FlexBytes.ReadCString(bytes, keyStart, $"map key {i}");
            // Distinct NUL-terminated keys cannot share bytes, so together they fit in the buffer;
            // forged keys pointing at one long string would otherwise cost quadratic memory.
            keyBytes += keyNames[i].Length + 1;
            if (keyBytes > bytes.Length)
            {
                throw new ModelFormatException("FlexBuffers: the map's keys overlap (together longer than the buffer).");
            }

            values[i] = new FlexValue(buffer, map + ((long)i * width), width, bytes[(int)(types + i)], $"key '{keyNames[i]}'");
        }

        return (keyNames, values);
    }

    private static int ReadCount(ReadOnlySpan<byte> bytes, long position, int width, string what)
    {
        ulong count = FlexBytes.ReadUInt(bytes, position, width, what);
        return count <= (ulong)bytes.Length
            ? (int)count
            : throw new ModelFormatException($"FlexBuffers: {what} {count} exceeds the {bytes.Length}-byte buffer.");
    }
}
