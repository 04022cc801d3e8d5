using FaceMesh.Runtime.Model.FlatBuffers;

namespace FaceMesh.Runtime.Model.Reading;

/// <summary>Reads one <c>DimensionMetadata</c>, widening the CSR index vectors to int.</summary>
internal static class DimensionMetadataReader
{
    private const int FormatField = 0;
    private const int DenseSizeField = 1;
    private const int SegmentsTypeField = 2;
    private const int SegmentsField = 3;
    private const int IndicesTypeField = 4;
    private const int IndicesField = 5;

    // SparseIndexVector union members, each a table whose field 0 is `values`.
    private const byte Int32VectorType = 1;
    private const byte UInt16VectorType = 2;
    private const byte UInt8VectorType = 3;

    public static DimensionMetadata Read(FlatBufferTable dim)
    {
        byte format = dim.GetByte(FormatField, "format");
        if (format > (byte)DimensionFormat.SparseCsr)
        {
            throw new ModelFormatException($"{dim.Context}: format {format} is neither DENSE (0) nor SPARSE_CSR (1).");
        }

        int denseSize = dim.GetInt32(DenseSizeField, "dense_size");
        if (denseSize < 0)
        {
            throw new ModelFormatException($"{dim.Context}: dense_size {denseSize} is negative.");
        }

        if ((DimensionFormat)format == DimensionFormat.Dense)
        {
            return new DimensionMetadata(DimensionFormat.Dense, denseSize, [], []);
        }

        int[] segments = ReadIndexVector(dim, SegmentsTypeField, SegmentsField, "array_segments");
        int[] indices = ReadIndexVector(dim, IndicesTypeField, IndicesField, "array_indices");
        return new DimensionMetadata(DimensionFormat.SparseCsr, denseSize, segments, indices);
    }

    private static int[] ReadIndexVector(FlatBufferTable dim, int typeField, int valueField, string name)
    {
        byte type = dim.GetByte(typeField, name + "_type");
        FlatBufferTable table = dim.GetTable(valueField, name, $"{dim.Context} {name}")
            ?? throw new ModelFormatException($"{dim.Context}: a SPARSE_CSR dimension needs {name}.");
        int elementSize = type switch
        {
            Int32VectorType => 4,
            UInt16VectorType => 2,
            UInt8VectorType => 1,
            _ => throw new ModelFormatException($"{dim.Context}: {name} has union type {type}, not Int32Vector, Uint16Vector or Uint8Vector."),
        };

        FlatBufferVector values = table.GetVector(0, "values", elementSize);
        var result = new int[values.Count];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = type switch
            {
                Int32VectorType => values.GetInt32(i),
                UInt16VectorType => values.GetUInt16(i),
                _ => values.GetByte(i),
            };
        }

        return result;
    }
}
