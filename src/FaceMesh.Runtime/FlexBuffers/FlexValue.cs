using FaceMesh.Runtime.Model;

namespace FaceMesh.Runtime.FlexBuffers;

/// <summary>
/// One FlexBuffers value: the slot that holds it (inline scalar or offset), the slot width its parent
/// uses, and its packed type byte. Decoding is lazy and every read is bounds-checked; nothing here
/// recurses, so hostile nesting cannot exhaust the stack.
/// </summary>
internal readonly struct FlexValue
{
    private readonly ReadOnlyMemory<byte> _buffer;
    private readonly long _slot;
    private readonly int _parentWidth;
    private readonly byte _packedType;
    private readonly string _name;

    public FlexValue(ReadOnlyMemory<byte> buffer, long slot, int parentWidth, byte packedType, string name)
    {
        _buffer = buffer;
        _slot = slot;
        _parentWidth = parentWidth;
        _packedType = packedType;
        _name = name;
    }

    public FlexType Type => (FlexType)(_packedType >> 2);

    /// <summary>Width of the value's own storage (for offset types: of the referenced data).</summary>
    private int ChildWidth => 1 << (_packedType & 3);

    public long AsInt64()
    {
        ReadOnlySpan<byte> bytes = _buffer.Span;
        return Type switch
        {
            FlexType.Int => FlexBytes.ReadInt(bytes, _slot, _parentWidth, _name),
            FlexType.UInt or FlexType.Bool => ToInt64(FlexBytes.ReadUInt(bytes, _slot, _parentWidth, _name)),
            FlexType.IndirectInt => FlexBytes.ReadInt(bytes, Target(), ChildWidth, _name),
            FlexType.IndirectUInt => ToInt64(FlexBytes.ReadUInt(bytes, Target(), ChildWidth, _name)),
            _ => throw WrongType("an integer"),
        };
    }

    public int AsInt32()
    {
        long value = AsInt64();
        return value is >= int.MinValue and <= int.MaxValue
            ? (int)value
            : throw new ModelFormatException($"FlexBuffers: {_name} = {value} does not fit in a 32-bit int.");
    }

    public double AsDouble() => Type switch
    {
        FlexType.Float => FlexBytes.ReadFloat(_buffer.Span, _slot, _parentWidth, _name),
        FlexType.IndirectFloat => FlexBytes.ReadFloat(_buffer.Span, Target(), ChildWidth, _name),
        FlexType.Int or FlexType.UInt or FlexType.Bool or FlexType.IndirectInt or FlexType.IndirectUInt => AsInt64(),
        _ => throw WrongType("a number"),
    };

    public string AsString()
    {
        ReadOnlySpan<byte> bytes = _buffer.Span;
        if (Type == FlexType.Key)
        {
            return FlexBytes.ReadCString(bytes, Target(), _name);
        }

        if (Type != FlexType.String)
        {
            throw WrongType("a string");
        }

        long start = Target();
        ulong length = FlexBytes.ReadUInt(bytes, start - ChildWidth, ChildWidth, _name + " length");
        if (length >= (ulong)bytes.Length)
        {
            throw new ModelFormatException($"FlexBuffers: {_name} claims {length} bytes, more than the buffer holds.");
        }

        FlexBytes.Require(bytes, start, (long)length + 1, _name);
        if (bytes[(int)(start + (long)length)] != 0)
        {
            throw new ModelFormatException($"FlexBuffers: {_name} is not NUL-terminated.");
        }

        return FlexBytes.Decode(bytes.Slice((int)start, (int)length), _name);
    }

    public int[] AsInt32Vector()
    {
        return Type switch
        {
            FlexType.VectorInt or FlexType.VectorUInt or FlexType.VectorBool => ReadTypedVector(ReadLength()),
            FlexType.VectorInt2 or FlexType.VectorUInt2 => ReadTypedVector(2),
            FlexType.VectorInt3 or FlexType.VectorUInt3 => ReadTypedVector(3),
            FlexType.VectorInt4 or FlexType.VectorUInt4 => ReadTypedVector(4),
            FlexType.Vector => ReadUntypedVector(ReadLength()),
            _ => throw WrongType("a vector of integers"),
        };
    }

    private int[] ReadTypedVector(int count)
    {
        ReadOnlySpan<byte> bytes = _buffer.Span;
        long start = Target();
        int width = ChildWidth;
        FlexBytes.Require(bytes, start, (long)count * width, _name + " elements");
        bool unsigned = Type is not (FlexType.VectorInt or FlexType.VectorInt2 or FlexType.VectorInt3 or FlexType.VectorInt4);
        var values = new int[count];
        for (int i = 0; i < count; i++)
        {
            long at = start + ((long)i * width);
            long value = unsigned ? ToInt64(FlexBytes.ReadUInt(bytes, at, width, _name)) : FlexBytes.ReadInt(bytes, at, width, _name);
            values[i] = value is >= int.MinValue and <= int.MaxValue
                ? (int)value
                : throw new ModelFormatException($"FlexBuffers: {_name}[{i}] = {value} does not fit in a 32-bit int.");
        }

        return values;
    }

    private int[] ReadUntypedVector(int count)
    {
        ReadOnlySpan<byte> bytes = _buffer.Span;
        long start = Target();
        int width = ChildWidth;
        // Elements are followed by one packed type byte each.
        long typesStart = start + ((long)count * width);
        FlexBytes.Require(bytes, start, ((long)count * width) + count, _name + " elements");
        var values = new int[count];
        for (int i = 0; i < count; i++)
        {
            var element = new FlexValue(_buffer, start + ((long)i * width), width, bytes[(int)(typesStart + i)], $"{_name}[{i}]");
            values[i] = element.AsInt32();
        }

        return values;
    }

    /// <summary>Element count stored just before a vector's first element.</summary>
    private int ReadLength()
    {
        ReadOnlySpan<byte> bytes = _buffer.Span;
        int width = ChildWidth;
        ulong length = FlexBytes.ReadUInt(bytes, Target() - width, width, _name + " length");
        // Every element takes at least one byte, so a longer vector cannot fit; checking first keeps
        // the caller from allocating for a forged length.
        return length <= (ulong)bytes.Length
            ? (int)length
            : throw new ModelFormatException($"FlexBuffers: {_name} claims {length} elements, more than the buffer holds.");
    }

    /// <summary>The position an offset-typed value points to (offsets point backwards from the slot).</summary>
    private long Target()
    {
        ulong offset = FlexBytes.ReadUInt(_buffer.Span, _slot, _parentWidth, _name + " offset");
        long target = _slot - (long)Math.Min(offset, (ulong)long.MaxValue);
        return target >= 0 && target < _buffer.Length
            ? target
            : throw new ModelFormatException($"FlexBuffers: {_name} offset {offset} at byte {_slot} points outside the buffer.");
    }

    private long ToInt64(ulong value) => value <= long.MaxValue
        ? (long)value
        : throw new ModelFormatException($"FlexBuffers: {_name} = {value} does not fit in a 64-bit int.");

    private ModelFormatException WrongType(string expected)
    {
        string found = Enum.IsDefined(Type) ? Type.ToString() : $"unknown type {(int)Type}";
        return new ModelFormatException($"FlexBuffers: {_name} is {found}, not {expected}.");
    }
}
