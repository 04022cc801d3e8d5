using FaceMesh.Runtime.Model.FlatBuffers;
using FaceMesh.Runtime.Model.Reading;

namespace FaceMesh.Runtime.Model;

/// <summary>
/// Reads and validates a TFLite flatbuffer (schema version 3, file identifier "TFL3"). Every offset,
/// vector, index and shape is checked, so any bytes either yield a consistent
/// <see cref="TfLiteModel"/> or throw <see cref="ModelFormatException"/> (malformed) or
/// <see cref="UnsupportedModelException"/> (well formed, beyond this runtime).
/// </summary>
internal static class TfLiteModelReader
{
    private const int SupportedSchemaVersion = 3;
    private const int HeaderSize = 8;

    private const int VersionField = 0;
    private const int OperatorCodesField = 1;
    private const int SubgraphsField = 2;
    private const int DescriptionField = 3;
    private const int BuffersField = 4;

    /// <summary>Reads a model file. The whole file is read into memory.</summary>
    /// <exception cref="FileNotFoundException">The file (or its directory) does not exist.</exception>
    public static TfLiteModel Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string fullPath = Path.GetFullPath(path);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(fullPath);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new FileNotFoundException($"TFLite model file '{fullPath}' does not exist.", fullPath, e);
        }

        return Read(bytes);
    }

    /// <summary>
    /// Reads a model from memory. The returned model's buffers and custom options are slices of
    /// <paramref name="bytes"/>, which must therefore stay unchanged while the model is in use.
    /// </summary>
    public static TfLiteModel Read(ReadOnlyMemory<byte> bytes)
    {
        CheckHeader(bytes.Span);
        FlatBufferTable model = FlatBufferTable.Root(bytes, "model");

        uint version = model.GetUInt32(VersionField, "version");
        if (version != SupportedSchemaVersion)
        {
            throw new UnsupportedModelException(
                $"TFLite schema version {version} is not supported (only version {SupportedSchemaVersion}).");
        }

        ReadOnlyMemory<byte>[] buffers = BufferListReader.Read(model.GetVector(BuffersField, "buffers", 4));
        OperatorCode[] codes = OperatorCodeReader.Read(model.GetVector(OperatorCodesField, "operator_codes", 4));

        FlatBufferVector subgraphVector = model.GetVector(SubgraphsField, "subgraphs", 4);
        if (subgraphVector.Count == 0)
        {
            throw new ModelFormatException("model: the model has no subgraph.");
        }

        var subgraphs = new Subgraph[subgraphVector.Count];
        for (int i = 0; i < subgraphs.Length; i++)
        {
            subgraphs[i] = SubgraphReader.Read(subgraphVector.GetTable(i, $"subgraph {i}"), i, codes, buffers);
        }

        return new TfLiteModel
        {
            Version = (int)version,
            Description = model.GetString(DescriptionField, "description"),
            OperatorCodes = codes,
            Subgraphs = subgraphs,
            Buffers = buffers,
        };
    }

    private static void CheckHeader(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < HeaderSize)
        {
            throw new ModelFormatException($"model: {bytes.Length} bytes are too few for a TFLite model.");
        }

        ReadOnlySpan<byte> identifier = bytes.Slice(4, 4);
        if (!identifier.SequenceEqual("TFL3"u8))
        {
            throw new ModelFormatException(
                $"model: file identifier is {Convert.ToHexString(identifier)}, not \"TFL3\" (hex 54464C33): this is not a TFLite model.");
        }
    }
}
