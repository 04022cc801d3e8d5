using FaceMesh.Runtime.Model.FlatBuffers;

namespace FaceMesh.Runtime.Model.Reading;

/// <summary>Reads <c>Model.buffers</c> into slices of the file (no copies).</summary>
internal static class BufferListReader
{
    private const int DataField = 0;
    private const int OffsetField = 1;
    private const int SizeField = 2;

    public static ReadOnlyMemory<byte>[] Read(FlatBufferVector buffers)
    {
        var result = new ReadOnlyMemory<byte>[buffers.Count];
        for (int i = 0; i < result.Length; i++)
        {
            FlatBufferTable buffer = buffers.GetTable(i, $"buffer {i}");
            result[i] = ReadOne(buffer);
        }

        return result;
    }

    private static ReadOnlyMemory<byte> ReadOne(FlatBufferTable buffer)
    {
        ReadOnlyMemory<byte> data = buffer.GetVector(DataField, "data", 1).AsMemory();
        if (!data.IsEmpty)
        {
            return data;
        }

        // Models over 2 GB keep their data after the flatbuffer, addressed from the file start;
        // offsets 0 and 1 are the schema's "not used" markers.
        ulong offset = buffer.GetUInt64(OffsetField, "offset");
        ulong size = buffer.GetUInt64(SizeField, "size");
        return offset <= 1 ? ReadOnlyMemory<byte>.Empty : ExternalData.Slice(buffer.Buffer, offset, size, buffer.Context);
    }
}
