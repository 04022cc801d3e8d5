using System.Runtime.InteropServices;
using FaceMesh.Runtime.Model;

namespace FaceMesh.Runtime.Tests;

/// <summary>
/// Builds small TfLiteModel objects in memory (no flatbuffer) for kernel and graph tests: graph
/// inputs, outputs, intermediate tensors, float32/float16/int32 constants and operators.
/// </summary>
internal sealed class OpModelBuilder
{
    private readonly List<TensorInfo> _tensors = [];
    private readonly List<ReadOnlyMemory<byte>> _buffers = [ReadOnlyMemory<byte>.Empty];
    private readonly List<OperatorCode> _codes = [];
    private readonly List<Operator> _operators = [];
    private readonly List<int> _inputs = [];
    private readonly List<int> _outputs = [];

    public int Input(string name, params int[] shape)
    {
        int t = Tensor(name, shape);
        _inputs.Add(t);
        return t;
    }

    public int Output(string name, params int[] shape)
    {
        int t = Tensor(name, shape);
        _outputs.Add(t);
        return t;
    }

    public int Tensor(string name, int[] shape, TensorType type = TensorType.Float32)
    {
        _tensors.Add(new TensorInfo(name, shape, type, 0, null, false));
        return _tensors.Count - 1;
    }

    public void MarkOutput(int tensor) => _outputs.Add(tensor);

    public int Constant(string name, int[] shape, float[] values) =>
        AddBuffer(name, shape, TensorType.Float32, MemoryMarshal.AsBytes(values.AsSpan()).ToArray());

    public int HalfConstant(string name, int[] shape, float[] values, SparsityParameters? sparsity = null)
    {
        var bytes = new byte[values.Length * 2];
        for (int i = 0; i < values.Length; i++)
            BitConverter.TryWriteBytes(bytes.AsSpan(2 * i), BitConverter.HalfToUInt16Bits((Half)values[i]));
        return AddBuffer(name, shape, TensorType.Float16, bytes, sparsity);
    }

    public int IntConstant(string name, int[] shape, int[] values) =>
        AddBuffer(name, shape, TensorType.Int32, MemoryMarshal.AsBytes(values.AsSpan()).ToArray());

    /// <summary>A float16 constant dequantised by a DEQUANTIZE op, the way the MediaPipe models store weights.</summary>
    public int DequantizedConstant(string name, int[] shape, float[] values)
    {
        int half = HalfConstant(name, shape, values);
        int full = Tensor(name + "_dequantize", shape);
        Op(BuiltinOperator.Dequantize, [half], [full]);
        return full;
    }

    public void Op(BuiltinOperator op, int[] inputs, int[] outputs, BuiltinOptions? options = null, int version = 1) =>
        _operators.Add(new Operator(Code(op, null, version), inputs, outputs, options, ReadOnlyMemory<byte>.Empty));

    public void Custom(string name, int version, int[] inputs, int[] outputs, byte[] customOptions) =>
        _operators.Add(new Operator(Code(BuiltinOperator.Custom, name, version), inputs, outputs, null, customOptions));

    public TfLiteModel Build() => new()
    {
        Version = 3,
        OperatorCodes = _codes.ToArray(),
        Subgraphs = [new Subgraph("test", _tensors.ToArray(), _inputs.ToArray(), _outputs.ToArray(), _operators.ToArray())],
        Buffers = _buffers.ToArray(),
    };

    private int AddBuffer(string name, int[] shape, TensorType type, byte[] bytes, SparsityParameters? sparsity = null)
    {
        _buffers.Add(bytes);
        _tensors.Add(new TensorInfo(name, shape, type, _buffers.Count - 1, sparsity, false));
        return _tensors.Count - 1;
    }

    private int Code(BuiltinOperator op, string? custom, int version)
    {
        var code = new OperatorCode(op, custom, version);
        int index = _codes.IndexOf(code);
        if (index >= 0) return index;
        _codes.Add(code);
        return _codes.Count - 1;
    }
}
