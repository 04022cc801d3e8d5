using System.Buffers.Binary;

namespace FaceMesh.Geometry;

/// <summary>
/// Just enough of the protobuf wire format to read MediaPipe's geometry metadata: keys, varints,
/// fixed32 and length-delimited fields (packed or not). Anything malformed throws, so a truncated
/// or foreign file is reported instead of decoded into a wrong mesh.
/// </summary>
internal ref struct ProtoWireReader(ReadOnlySpan<byte> data)
{
    private readonly ReadOnlySpan<byte> _data = data;
    private int _position;

    public readonly bool AtEnd => _position >= _data.Length;

    /// <summary>Reads the next key; the wire type says which Read method must follow.</summary>
    public (int Field, ProtoWireType WireType) ReadKey()
    {
        ulong key = ReadVarint();
        int field = checked((int)(key >> 3));
        if (field == 0) throw Malformed("field number 0");
        return (field, (ProtoWireType)(key & 7));
    }

    public ulong ReadVarint()
    {
        ulong value = 0;
        for (int shift = 0; shift < 64; shift += 7)
        {
            if (_position >= _data.Length) throw Malformed("truncated varint");
            byte b = _data[_position++];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0) return value;
        }
        throw Malformed("varint longer than 10 bytes");
    }

    public uint ReadUInt32()
    {
        ulong value = ReadVarint();
        if (value > uint.MaxValue) throw Malformed($"value {value} does not fit uint32");
        return (uint)value;
    }

    public float ReadFixed32Single() => BinaryPrimitives.ReadSingleLittleEndian(Take(4));

    public ReadOnlySpan<byte> ReadLengthDelimited()
    {
        ulong length = ReadVarint();
        if (length > (ulong)(_data.Length - _position)) throw Malformed($"length {length} runs past the end");
        return Take((int)length);
    }

    /// <summary>Skips a field this reader does not need.</summary>
    public void Skip(ProtoWireType wireType)
    {
        switch (wireType)
        {
            case ProtoWireType.Varint: ReadVarint(); break;
            case ProtoWireType.Fixed64: Take(8); break;
            case ProtoWireType.LengthDelimited: ReadLengthDelimited(); break;
            case ProtoWireType.Fixed32: Take(4); break;
            default: throw Malformed($"unsupported wire type {(int)wireType}");
        }
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count > _data.Length - _position) throw Malformed("truncated field");
        ReadOnlySpan<byte> slice = _data.Slice(_position, count);
        _position += count;
        return slice;
    }

    private readonly InvalidDataException Malformed(string what) =>
        new($"Malformed protobuf at byte {_position}: {what}.");
}

internal enum ProtoWireType
{
    Varint = 0,
    Fixed64 = 1,
    LengthDelimited = 2,
    StartGroup = 3,
    EndGroup = 4,
    Fixed32 = 5,
}
