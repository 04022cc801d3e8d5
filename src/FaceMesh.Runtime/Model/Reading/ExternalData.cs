namespace FaceMesh.Runtime.Model.Reading;

/// <summary>Data stored outside the flatbuffer proper (the schema's &gt;2 GB layout), addressed from the file start.</summary>
internal static class ExternalData
{
    public static ReadOnlyMemory<byte> Slice(ReadOnlyMemory<byte> file, ulong offset, ulong size, string context)
    {
        if (offset > (ulong)file.Length || size > (ulong)file.Length - offset)
        {
            throw new ModelFormatException(
                $"{context}: external data at offset {offset} with size {size} runs past the end of the file ({file.Length} bytes).");
        }

        return file.Slice((int)offset, (int)size);
    }
}
