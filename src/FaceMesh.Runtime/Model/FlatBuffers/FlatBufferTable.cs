namespace FaceMesh.Runtime.Model.FlatBuffers;

/// <summary>
/// A view of one flatbuffer table whose header and vtable have been checked to lie inside the
/// buffer. Field reads check that the field lies inside the table and that every offset they follow
/// stays inside the buffer, so no read can go out of range whatever the bytes are.
/// </summary>
/// <remarks>
/// <see cref="Context"/> names the table for error messages (e.g. "subgraph 0 tensor 17 'conv2d_3'").
/// The TFLite schema nests only a few levels deep; <see cref="MaxDepth"/> turns a hostile chain of
/// tables into an error should a caller ever walk one generically.
/// </remarks>
internal readonly struct FlatBufferTable
{
    public const int MaxDepth = 32;

    private readonly ReadOnlyMemory<byte> _buffer;
    private readonly int _position;
    private readonly int _vtable;
    private readonly int _vtableSize;
    private readonly int _tableSize;

    private FlatBufferTable(ReadOnlyMemory<byte> buffer, int position, int vtable, int vtableSize, int tableSize,
        string context, int depth)
    {
        _buffer = buffer;
        _position = position;
        _vtable = vtable;
        _vtableSize = vtableSize;
        _tableSize = tableSize;
        Context = context;
        Depth = depth;
    }

    public string Context { get; }

    public int Depth { get; }

    public ReadOnlyMemory<byte> Buffer => _buffer;

    /// <summary>The root table, whose offset is the buffer's first four bytes.</summary>
    public static FlatBufferTable Root(ReadOnlyMemory<byte> buffer, string context)
    {
        uint offset = FlatBufferBytes.ReadUInt32(buffer.Span, 0, context, "root table offset");
        return At(buffer, offset, context, depth: 0);
    }

    public static FlatBufferTable At(ReadOnlyMemory<byte> buffer, long position, string context, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new ModelFormatException($"{context}: tables nest more than {MaxDepth} levels deep.");
        }

        ReadOnlySpan<byte> bytes = buffer.Span;
        int vtableDistance = FlatBufferBytes.ReadInt32(bytes, position, context, "table header");
        long vtable = position - (long)vtableDistance;
        ushort vtableSize = FlatBufferBytes.ReadUInt16(bytes, vtable, context, "vtable");
        if (vtableSize < 4 || vtableSize % 2 != 0)
        {
            throw new ModelFormatException($"{context}: vtable size {vtableSize} is not an even number >= 4.");
        }

        FlatBufferBytes.Require(bytes, vtable, vtableSize, context, "vtable");
        ushort tableSize = FlatBufferBytes.ReadUInt16(bytes, vtable + 2, context, "vtable");
        if (tableSize < 4)
        {
            throw new ModelFormatException($"{context}: table size {tableSize} is smaller than its own header.");
        }

        FlatBufferBytes.Require(bytes, position, tableSize, context, "table");
        return new FlatBufferTable(buffer, (int)position, (int)vtable, vtableSize, tableSize, context, depth);
    }

    /// <summary>The same table, named differently in error messages (e.g. once its name is known).</summary>
    public FlatBufferTable WithContext(string context) =>
        new(_buffer, _position, _vtable, _vtableSize, _tableSize, context, Depth);

    public bool Has(int field) => FieldOffset(field) != 0;

    public byte GetByte(int field, string name, byte defaultValue = 0)
    {
        int at = FieldPosition(field, 1, name);
        return at < 0 ? defaultValue : _buffer.Span[at];
    }

    public sbyte GetSByte(int field, string name, sbyte defaultValue = 0) =>
        unchecked((sbyte)GetByte(field, name, unchecked((byte)defaultValue)));

    public bool GetBool(int field, string name, bool defaultValue = false) =>
        GetByte(field, name, defaultValue ? (byte)1 : (byte)0) != 0;

    public int GetInt32(int field, string name, int defaultValue = 0)
    {
        int at = FieldPosition(field, 4, name);
        return at < 0 ? defaultValue : FlatBufferBytes.ReadInt32(_buffer.Span, at, Context, name);
    }

    public uint GetUInt32(int field, string name, uint defaultValue = 0)
    {
        int at = FieldPosition(field, 4, name);
        return at < 0 ? defaultValue : FlatBufferBytes.ReadUInt32(_buffer.Span, at, Context, name);
    }

    public ulong GetUInt64(int field, string name, ulong defaultValue = 0)
    {
        int at = FieldPosition(field, 8, name);
        return at < 0 ? defaultValue : FlatBufferBytes.ReadUInt64(_buffer.Span, at, Context, name);
    }

    /// <summary>A string field, or null when absent. The bytes must be NUL-terminated valid UTF-8.</summary>
    public string? GetString(int field, string name)
    {
        long target = ReferenceTarget(field, name);
        if (target < 0)
        {
            return null;
        }

        ReadOnlySpan<byte> bytes = _buffer.Span;
        uint length = FlatBufferBytes.ReadUInt32(bytes, target, Context, name + " string length");
        FlatBufferBytes.Require(bytes, target + 4, length + 1L, Context, name + " string");
        int start = (int)target + 4;
        if (bytes[start + (int)length] != 0)
        {
            throw new ModelFormatException($"{Context}: {name} string is not NUL-terminated.");
        }

        return FlatBufferBytes.DecodeUtf8(bytes.Slice(start, (int)length), Context, name);
    }

    /// <summary>A sub-table, or null when absent.</summary>
    public FlatBufferTable? GetTable(int field, string name, string childContext)
    {
        long target = ReferenceTarget(field, name);
        return target < 0 ? null : At(_buffer, target, childContext, Depth + 1);
    }

    /// <summary>A vector field; an absent vector reads as empty.</summary>
    public FlatBufferVector GetVector(int field, string name, int elementSize)
    {
        long target = ReferenceTarget(field, name);
        if (target < 0)
        {
            return FlatBufferVector.Empty(_buffer, Context, name, Depth);
        }

        return FlatBufferVector.At(_buffer, target, elementSize, Context, name, Depth);
    }

    /// <summary>Position of the field's value, or -1 when the field is absent.</summary>
    private int FieldPosition(int field, int size, string name)
    {
        int offset = FieldOffset(field);
        if (offset == 0)
        {
            return -1;
        }

        if (offset + size > _tableSize)
        {
            throw new ModelFormatException(
                $"{Context}: field {name} at offset {offset} lies outside its table ({_tableSize} bytes).");
        }

        return _position + offset;
    }

    private int FieldOffset(int field)
    {
        int slot = 4 + (2 * field);
        if (slot + 2 > _vtableSize)
        {
            return 0;
        }

        return FlatBufferBytes.ReadUInt16(_buffer.Span, _vtable + slot, Context, "vtable");
    }

    /// <summary>Where an offset field points, or -1 when absent; the target lies inside the buffer.</summary>
    private long ReferenceTarget(int field, string name)
    {
        int at = FieldPosition(field, 4, name);
        if (at < 0)
        {
            return -1;
        }

        uint offset = FlatBufferBytes.ReadUInt32(_buffer.Span, at, Context, name);
        long target = at + (long)offset;
        if (offset == 0 || target >= _buffer.Length)
        {
            throw new ModelFormatException(
                $"{Context}: {name} offset {offset} at byte {at} points outside the file ({_buffer.Length} bytes).");
        }

        return target;
    }
}
