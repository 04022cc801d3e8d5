using System.Runtime.InteropServices;
using FaceMesh.Runtime.Model;

namespace FaceMesh.Runtime.Graph;

/// <summary>
/// Load-time values of constant tensors: float32 and float16 buffers decoded to float (sparse ones
/// densified), int32 buffers to int, plus the results of operators folded at load time.
/// </summary>
internal sealed class ConstantStore
{
    private readonly TfLiteModel _model;
    private readonly Subgraph _graph;
    private readonly float[]?[] _floats;
    private readonly int[]?[] _ints;

    public ConstantStore(TfLiteModel model, Subgraph graph)
    {
        if (!BitConverter.IsLittleEndian)
            throw new UnsupportedModelException("Model buffers are little-endian; big-endian hosts are not supported.");
        _model = model;
        _graph = graph;
        _floats = new float[graph.Tensors.Count][];
        _ints = new int[graph.Tensors.Count][];
    }

    public bool HasStoredData(int tensor)
    {
        int buffer = _graph.Tensors[tensor].Buffer;
        return buffer > 0 && buffer < _model.Buffers.Count && !_model.Buffers[buffer].IsEmpty;
    }

    public bool IsConstant(int tensor) => _floats[tensor] is not null || _ints[tensor] is not null || HasStoredData(tensor);

    /// <summary>Float value of a constant float32/float16 tensor, or null when it is not such a constant.</summary>
    public float[]? TryGetFloats(int tensor)
    {
        if (_floats[tensor] is { } cached) return cached;
        if (!HasStoredData(tensor)) return null;
        TensorInfo info = _graph.Tensors[tensor];
        ReadOnlySpan<byte> bytes = _model.Buffers[info.Buffer].Span;
        float[] values = info.Type switch
        {
            TensorType.Float32 => MemoryMarshal.Cast<byte, float>(bytes[..(bytes.Length & ~3)]).ToArray(),
            TensorType.Float16 => HalfConversion.ToSingles(bytes),
            _ => throw new UnsupportedModelException($"Tensor '{info.Name}' (#{tensor}) of type {info.Type} cannot be read as floats."),
        };
        if (info.Sparsity is { } sparsity)
            values = SparseTensorDensifier.Densify(info.Shape, sparsity, values, info.Name);
        if (values.LongLength != ShapeMath.ElementCount(info.Shape))
            throw new ModelFormatException($"Constant tensor '{info.Name}' (#{tensor}) holds {values.Length} values, its shape [{string.Join(',', info.Shape)}] needs {ShapeMath.ElementCount(info.Shape)}.");
        _floats[tensor] = values;
        return values;
    }

    /// <summary>Value of a constant int32 tensor, or null when it is not one.</summary>
    public int[]? TryGetInts(int tensor)
    {
        if (_ints[tensor] is { } cached) return cached;
        if (!HasStoredData(tensor)) return null;
        TensorInfo info = _graph.Tensors[tensor];
        if (info.Type != TensorType.Int32) return null;
        ReadOnlySpan<byte> bytes = _model.Buffers[info.Buffer].Span;
        int[] values = MemoryMarshal.Cast<byte, int>(bytes[..(bytes.Length & ~3)]).ToArray();
        if (values.LongLength != ShapeMath.ElementCount(info.Shape))
            throw new ModelFormatException($"Constant tensor '{info.Name}' (#{tensor}) holds {values.Length} values, its shape needs {ShapeMath.ElementCount(info.Shape)}.");
        _ints[tensor] = values;
        return values;
    }

    public void SetFolded(int tensor, float[] values) => _floats[tensor] = values;
}
