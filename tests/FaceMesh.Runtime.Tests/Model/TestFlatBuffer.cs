using System.Buffers.Binary;
using System.Text;

namespace FaceMesh.Runtime.Tests.ModelReading;

/// <summary>A node of a flatbuffer to be written by <see cref="TestFlatBuffer"/>.</summary>
internal abstract record FbNode;

/// <summary>A table; field values are byte, sbyte, bool, short, int, uint, ulong or a child <see cref="FbNode"/>.</summary>
internal sealed record FbTable(params (int Field, object Value)[] Fields) : FbNode;

internal sealed record FbTableVector(params FbNode[] Items) : FbNode;

internal sealed record FbString(string Value) : FbNode;

/// <summary>A vector of scalars, given as raw little-endian bytes.</summary>
internal sealed record FbScalarVector(int Count, byte[] Bytes) : FbNode
{
    public static FbScalarVector Ints(params int[] values)
    {
        var bytes = new byte[values.Length * 4];
        for (int i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(i * 4), values[i]);
        }

        return new FbScalarVector(values.Length, bytes);
    }

    public static FbScalarVector UInt16s(params ushort[] values)
    {
        var bytes = new byte[values.Length * 2];
        for (int i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(i * 2), values[i]);
        }

        return new FbScalarVector(values.Length, bytes);
    }

    public static FbScalarVector Bytes8(params byte[] values) => new(values.Length, values);
}

/// <summary>
/// Writes a tree of nodes as a flatbuffer, parents before children so that every offset points
/// forward, as the format requires. Test-only: just enough to build small TFLite models, valid or
/// deliberately broken.
/// </summary>
internal sealed class TestFlatBuffer
{
    private readonly List<byte> _bytes = [];

    public static byte[] Write(FbTable root, string identifier = "TFL3")
    {
        var writer = new TestFlatBuffer();
        writer._bytes.AddRange(new byte[4]);
        writer._bytes.AddRange(Encoding.ASCII.GetBytes(identifier));
        int rootPosition = writer.WriteNode(root);
        writer.PatchUInt32(0, (uint)rootPosition);
        return [.. writer._bytes];
    }

    private int WriteNode(FbNode node) => node switch
    {
        FbTable table => WriteTable(table),
        FbTableVector vector => WriteTableVector(vector),
        FbString text => WriteString(text.Value),
        FbScalarVector scalars => WriteScalars(scalars),
        _ => throw new ArgumentOutOfRangeException(nameof(node)),
    };

    private int WriteTable(FbTable table)
    {
        int slots = table.Fields.Length == 0 ? 0 : table.Fields.Max(f => f.Field) + 1;
        var fieldOffsets = new ushort[slots];
        var payload = new List<byte>();
        var references = new List<(int OffsetInTable, FbNode Child)>();
        foreach ((int field, object value) in table.Fields)
        {
            byte[] bytes = Encode(value);
            while ((4 + payload.Count) % Math.Min(bytes.Length, 4) != 0)
            {
                payload.Add(0);
            }

            fieldOffsets[field] = (ushort)(4 + payload.Count);
            if (value is FbNode child)
            {
                references.Add((4 + payload.Count, child));
            }

            payload.AddRange(bytes);
        }

        Align(2);
        int vtable = _bytes.Count;
        AddUInt16((ushort)(4 + (2 * slots)));
        AddUInt16((ushort)(4 + payload.Count));
        foreach (ushort offset in fieldOffsets)
        {
            AddUInt16(offset);
        }

        Align(4);
        int tablePosition = _bytes.Count;
        AddInt32(tablePosition - vtable);
        _bytes.AddRange(payload);
        foreach ((int offsetInTable, FbNode child) in references)
        {
            int at = tablePosition + offsetInTable;
            PatchUInt32(at, (uint)(WriteNode(child) - at));
        }

        return tablePosition;
    }

    private int WriteTableVector(FbTableVector vector)
    {
        Align(4);
        int position = _bytes.Count;
        AddInt32(vector.Items.Length);
        _bytes.AddRange(new byte[4 * vector.Items.Length]);
        for (int i = 0; i < vector.Items.Length; i++)
        {
            int at = position + 4 + (4 * i);
            PatchUInt32(at, (uint)(WriteNode(vector.Items[i]) - at));
        }

        return position;
    }

    private int WriteString(string value)
    {
        Align(4);
        int position = _bytes.Count;
        byte[] utf8 = Encoding.UTF8.GetBytes(value);
        AddInt32(utf8.Length);
        _bytes.AddRange(utf8);
        _bytes.Add(0);
        return position;
    }

    private int WriteScalars(FbScalarVector scalars)
    {
        Align(4);
        int position = _bytes.Count;
        AddInt32(scalars.Count);
        _bytes.AddRange(scalars.Bytes);
        return position;
    }

    private static byte[] Encode(object value) => value switch
    {
        byte b => [b],
        sbyte s => [unchecked((byte)s)],
        bool b => [b ? (byte)1 : (byte)0],
        short s => BitConverter.GetBytes(s),
        int i => BitConverter.GetBytes(i),
        uint u => BitConverter.GetBytes(u),
        ulong u => BitConverter.GetBytes(u),
        FbNode => new byte[4],
        _ => throw new ArgumentOutOfRangeException(nameof(value), value, "Unsupported field value."),
    };

    private void Align(int alignment)
    {
        while (_bytes.Count % alignment != 0)
        {
            _bytes.Add(0);
        }
    }

    private void AddUInt16(ushort value) => _bytes.AddRange(BitConverter.GetBytes(value));

    private void AddInt32(int value) => _bytes.AddRange(BitConverter.GetBytes(value));

    private void PatchUInt32(int position, uint value)
    {
        byte[] bytes = BitConverter.GetBytes(value);
        for (int i = 0; i < 4; i++)
        {
            _bytes[position + i] = bytes[i];
        }
    }
}
