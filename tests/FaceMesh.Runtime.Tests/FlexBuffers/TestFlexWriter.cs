using System.Buffers.Binary;
using System.Numerics;
using System.Text;

namespace FaceMesh.Runtime.Tests.FlexBuffersReading;

/// <summary>A map entry: an inline scalar (raw bits) or an offset to data written earlier, with its FlexBuffers type.</summary>
internal readonly record struct FlexEntry(string Key, int Type, int ChildWidth, long InlineBits = 0, int Target = -1);

/// <summary>
/// Test-only FlexBuffers writer: data first, then a root map whose slots are all
/// <see cref="MapWidth"/> bytes wide. Just enough to produce encodings the real models do not use.
/// </summary>
internal sealed class TestFlexWriter(int mapWidth)
{
    private readonly List<byte> _bytes = [];

    public int MapWidth { get; } = mapWidth;

    public static int Packed(int type, int width) => (type << 2) | BitOperations.Log2((uint)width);

    /// <summary>A scalar stored out of line (for INDIRECT_* types); returns its position.</summary>
    public int Scalar(long bits, int width)
    {
        Align(width);
        int at = _bytes.Count;
        AddScalar(bits, width);
        return at;
    }

    /// <summary>A length-prefixed string; returns the position of its first character.</summary>
    public int String(string value)
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(value);
        _bytes.Add((byte)utf8.Length);
        int at = _bytes.Count;
        _bytes.AddRange(utf8);
        _bytes.Add(0);
        return at;
    }

    /// <summary>A typed vector (length-prefixed unless fixed) or, with <paramref name="elementTypes"/>, an untyped one.</summary>
    public int Vector(long[] values, int width, bool fixedLength = false, byte[]? elementTypes = null)
    {
        Align(width);
        if (!fixedLength)
        {
            AddScalar(values.Length, width);
        }

        int at = _bytes.Count;
        foreach (long value in values)
        {
            AddScalar(value, width);
        }

        _bytes.AddRange(elementTypes ?? []);
        return at;
    }

    public byte[] Map(params FlexEntry[] entries)
    {
        FlexEntry[] sorted = entries.OrderBy(e => e.Key, StringComparer.Ordinal).ToArray();
        var keyPositions = sorted.Select(e =>
        {
            int at = _bytes.Count;
            _bytes.AddRange(Encoding.UTF8.GetBytes(e.Key));
            _bytes.Add(0);
            return at;
        }).ToArray();

        int w = MapWidth;
        Align(w);
        AddScalar(sorted.Length, w);
        int keys = _bytes.Count;
        for (int i = 0; i < keyPositions.Length; i++)
        {
            AddScalar(_bytes.Count - keyPositions[i], w);
        }

        AddScalar(_bytes.Count - keys, w);   // offset to the key vector
        AddScalar(w, w);                     // key vector width
        AddScalar(sorted.Length, w);
        int map = _bytes.Count;
        foreach (FlexEntry e in sorted)
        {
            AddScalar(e.Target >= 0 ? _bytes.Count - e.Target : e.InlineBits, w);
        }

        foreach (FlexEntry e in sorted)
        {
            _bytes.Add((byte)Packed(e.Type, e.ChildWidth));
        }

        int rootSlot = _bytes.Count;
        AddScalar(rootSlot - map, w);
        _bytes.Add((byte)Packed(9, w));
        _bytes.Add((byte)w);
        return [.. _bytes];
    }

    private void Align(int width)
    {
        while (_bytes.Count % width != 0)
        {
            _bytes.Add(0);
        }
    }

    private void AddScalar(long bits, int width)
    {
        var buffer = new byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(buffer, bits);
        _bytes.AddRange(buffer.AsSpan(0, width).ToArray());
    }
}
