using System.Buffers.Binary;

namespace FaceMesh.Runtime.Model.FlatBuffers;

/// <summary>
/// A flatbuffer vector whose length prefix and whole element range have been checked to lie inside
/// the buffer, so element reads need no further range checks and <see cref="Count"/> is bounded by
/// the file size (any array sized from it is no larger than the file).
/// </summary>
internal readonly struct FlatBufferVector
{
    private readonly ReadOnlyMemory<byte> _buffer;
    private readonly int _start;
    private readonly int _elementSize;
    private readonly int _depth;

    private FlatBufferVector(ReadOnlyMemory<byte> buffer, int start, int count, int elementSize, string context,
        string name, int depth)
    {
        _buffer = buffer;
        _start = start;
        Count = count;
        _elementSize = elementSize;
        Context = context;
        Name = name;
        _depth = depth;
    }

    public int Count { get; }

    /// <summary>The table that holds the vector, for error messages.</summary>
    public string Context { get; }

    /// <summary>The field name of the vector, for error messages.</summary>
    public string Name { get; }

    public static FlatBufferVector Empty(ReadOnlyMemory<byte> buffer, string context, string name, int depth) =>
        new(buffer, 0, 0, 1, context, name, depth);

    public static FlatBufferVector At(ReadOnlyMemory<byte> buffer, long position, int elementSize, string context,
        string name, int depth)
    {
        ReadOnlySpan<byte> bytes = buffer.Span;
        uint count = FlatBufferBytes.ReadUInt32(bytes, position, context, name + " vector length");
        long byteLength = count * (long)elementSize;
        if (!FlatBufferBytes.Fits(bytes, position + 4, byteLength))
        {
            throw new ModelFormatException(
                $"{context}: {name} vector ({count} elements of {elementSize} bytes at byte {position}) " +
                $"runs past the end of the file ({bytes.Length} bytes).");
        }

        return new FlatBufferVector(buffer, (int)position + 4, (int)count, elementSize, context, name, depth);
    }

    public byte GetByte(int index) => _buffer.Span[ElementPosition(index, 1)];

    public ushort GetUInt16(int index) => BinaryPrimitives.ReadUInt16LittleEndian(_buffer.Span[ElementPosition(index, 2)..]);

    public int GetInt32(int index) => BinaryPrimitives.ReadInt32LittleEndian(_buffer.Span[ElementPosition(index, 4)..]);

    /// <summary>Element <paramref name="index"/> of a vector of tables.</summary>
    public FlatBufferTable GetTable(int index, string context)
    {
        int at = ElementPosition(index, 4);
        uint offset = BinaryPrimitives.ReadUInt32LittleEndian(_buffer.Span[at..]);
        long target = at + (long)offset;
        if (offset == 0 || target >= _buffer.Length)
        {
            throw new ModelFormatException(
                $"{Context}: {Name}[{index}] offset {offset} points outside the file ({_buffer.Length} bytes).");
        }

        return FlatBufferTable.At(_buffer, target, context, _depth + 1);
    }

    /// <summary>The elements of an int32 vector.</summary>
    public int[] ToInt32Array()
    {
        var values = new int[Count];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = GetInt32(i);
        }

        return values;
    }

    /// <summary>The raw bytes of a ubyte vector, without copying.</summary>
    public ReadOnlyMemory<byte> AsMemory() => _buffer.Slice(_start, Count * _elementSize);

    private int ElementPosition(int index, int size)
    {
        if ((uint)index >= (uint)Count || size != _elementSize)
        {
            throw new InvalidOperationException(
                $"{Context}: {Name}[{index}] read as {size}-byte elements of a vector of {Count} x {_elementSize} bytes.");
        }

        return _start + (index * _elementSize);
    }
}
