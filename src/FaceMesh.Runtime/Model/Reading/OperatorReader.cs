using FaceMesh.Runtime.Model.FlatBuffers;

namespace FaceMesh.Runtime.Model.Reading;

/// <summary>
/// Reads one <c>Operator</c>: its opcode index and tensor indices are checked against the model,
/// its builtin options are parsed (and must be the union member its operator expects), and its
/// custom options are sliced from the file.
/// </summary>
internal static class OperatorReader
{
    private const int OpcodeIndexField = 0;
    private const int InputsField = 1;
    private const int OutputsField = 2;
    private const int BuiltinOptionsTypeField = 3;
    private const int BuiltinOptionsField = 4;
    private const int CustomOptionsField = 5;
    private const int LargeCustomOptionsOffsetField = 9;
    private const int LargeCustomOptionsSizeField = 10;

    public static Operator Read(FlatBufferTable op, IReadOnlyList<OperatorCode> codes, int tensorCount)
    {
        uint opcodeIndex = op.GetUInt32(OpcodeIndexField, "opcode_index");
        if (opcodeIndex >= (uint)codes.Count)
        {
            throw new ModelFormatException($"{op.Context}: opcode_index {opcodeIndex} is not below the operator code count {codes.Count}.");
        }

        OperatorCode code = codes[(int)opcodeIndex];
        op = op.WithContext($"{op.Context} ({code})");

        int[] inputs = TensorIndices.Read(op.GetVector(InputsField, "inputs", 4), tensorCount, allowOmitted: true);
        int[] outputs = TensorIndices.Read(op.GetVector(OutputsField, "outputs", 4), tensorCount, allowOmitted: false);
        BuiltinOptions? options = ReadOptions(op, code);
        ReadOnlyMemory<byte> customOptions = ReadCustomOptions(op);
        return new Operator((int)opcodeIndex, inputs, outputs, options, customOptions);
    }

    private static BuiltinOptions? ReadOptions(FlatBufferTable op, OperatorCode code)
    {
        byte unionType = op.GetByte(BuiltinOptionsTypeField, "builtin_options_type");
        if (unionType == BuiltinOptionsType.None)
        {
            return null;
        }

        if (BuiltinOptionsType.ExpectedFor(code.Builtin) is byte expected && expected != unionType)
        {
            throw new ModelFormatException(
                $"{op.Context}: builtin_options_type {unionType} is not the options type {expected} of this operator.");
        }

        FlatBufferTable? table = op.GetTable(BuiltinOptionsField, "builtin_options", op.Context + " options");
        return BuiltinOptionsReader.Read(unionType, table, op.Context);
    }

    private static ReadOnlyMemory<byte> ReadCustomOptions(FlatBufferTable op)
    {
        ReadOnlyMemory<byte> inline = op.GetVector(CustomOptionsField, "custom_options", 1).AsMemory();
        if (!inline.IsEmpty)
        {
            return inline;
        }

        ulong offset = op.GetUInt64(LargeCustomOptionsOffsetField, "large_custom_options_offset");
        ulong size = op.GetUInt64(LargeCustomOptionsSizeField, "large_custom_options_size");
        return offset <= 1 ? ReadOnlyMemory<byte>.Empty : ExternalData.Slice(op.Buffer, offset, size, op.Context);
    }
}
