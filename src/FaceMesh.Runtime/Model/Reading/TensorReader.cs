using FaceMesh.Runtime.Model.FlatBuffers;

namespace FaceMesh.Runtime.Model.Reading;

/// <summary>
/// Reads one <c>Tensor</c> and checks it against the model's buffers: a valid buffer index, a
/// non-negative shape whose element count fits in an int, and constant data whose length matches the
/// shape (or, for a sparse tensor, the number of values its sparsity metadata describes).
/// </summary>
internal static class TensorReader
{
    private const int ShapeField = 0;
    private const int TypeField = 1;
    private const int BufferField = 2;
    private const int NameField = 3;
    private const int QuantizationField = 4;
    private const int IsVariableField = 5;
    private const int SparsityField = 6;

    private const int QuantizationScaleField = 2;

    public static TensorInfo Read(FlatBufferTable tensor, IReadOnlyList<ReadOnlyMemory<byte>> buffers)
    {
        string name = tensor.GetString(NameField, "name") ?? "";
        tensor = tensor.WithContext($"{tensor.Context} '{name}'");
        string context = tensor.Context;

        int[] shape = tensor.GetVector(ShapeField, "shape", 4).ToInt32Array();
        long elementCount = ElementCount(shape, context);
        TensorType type = TensorTypes.Validate(tensor.GetSByte(TypeField, "type"), context);

        uint bufferIndex = tensor.GetUInt32(BufferField, "buffer");
        if (bufferIndex >= (uint)buffers.Count)
        {
            throw new ModelFormatException($"{context}: buffer index {bufferIndex} is not below the buffer count {buffers.Count}.");
        }

        RejectQuantization(tensor);

        SparsityParameters? sparsity = null;
        long storedValues = elementCount;
        if (tensor.GetTable(SparsityField, "sparsity", context + " sparsity") is FlatBufferTable sparsityTable)
        {
            (sparsity, storedValues) = SparsityReader.Read(sparsityTable, shape);
        }

        CheckDataLength(buffers[(int)bufferIndex].Length, storedValues, type, sparsity is not null, context);
        bool isVariable = tensor.GetBool(IsVariableField, "is_variable");
        return new TensorInfo(name, shape, type, (int)bufferIndex, sparsity, isVariable);
    }

    private static long ElementCount(int[] shape, string context)
    {
        long count = 1;
        foreach (int dim in shape)
        {
            if (dim < 0)
            {
                throw new ModelFormatException($"{context}: shape [{string.Join(", ", shape)}] has a negative dimension.");
            }

            count *= dim;
            if (count > int.MaxValue)
            {
                throw new ModelFormatException(
                    $"{context}: shape [{string.Join(", ", shape)}] has more than {int.MaxValue} elements.");
            }
        }

        return count;
    }

    /// <summary>
    /// This runtime computes in float; quantized tensors would be misread as raw integers, so a model
    /// that carries scales is refused up front instead of producing wrong numbers.
    /// </summary>
    private static void RejectQuantization(FlatBufferTable tensor)
    {
        if (tensor.GetTable(QuantizationField, "quantization", tensor.Context + " quantization") is FlatBufferTable quantization
            && quantization.GetVector(QuantizationScaleField, "scale", 4).Count > 0)
        {
            throw new UnsupportedModelException($"{tensor.Context}: quantized tensors are not supported.");
        }
    }

    private static void CheckDataLength(int dataLength, long storedValues, TensorType type, bool sparse, string context)
    {
        int elementSize = TensorTypes.ElementSize(type);
        if (dataLength == 0 || elementSize == 0)
        {
            return;
        }

        long expected = storedValues * elementSize;
        if (dataLength != expected)
        {
            string what = sparse ? $"{storedValues} stored values" : $"{storedValues} elements";
            throw new ModelFormatException(
                $"{context}: buffer holds {dataLength} bytes but {what} of {type} need {expected}.");
        }
    }
}
