using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using FaceMesh.Runtime.Graph;

namespace FaceMesh.Runtime.Kernels;

/// <summary>
/// PRELU with a constant slope that varies along the last axis only ([C], [1,1,C], ...), which
/// is how Keras exports it: y = x for x >= 0, slope[c] * x otherwise. Work units are pixels
/// (rows of C channels) grouped into chunks.
/// </summary>
internal sealed unsafe class PReluKernel : Kernel, IFusableActivation
{
    private const int ChunkElements = 4096;

    private readonly int _input;
    private readonly int _output;
    private readonly int _channels;
    private readonly int _rows;
    private readonly int _rowsPerUnit;
    private readonly AlignedFloats _slopes;
    private readonly VectorIsa _isa;

    private PReluKernel(int input, int output, int channels, int rows, float[] slopes, VectorIsa isa) : base("PRelu")
    {
        _input = input;
        _output = output;
        _channels = channels;
        _rows = rows;
        _rowsPerUnit = Math.Max(1, ChunkElements / channels);
        _isa = isa;
        _slopes = new AlignedFloats(SimdSupport.RoundUp(channels));
        slopes.CopyTo(_slopes.AsSpan());
        Slopes = slopes;
    }

    /// <summary>The per-channel slopes (for fusing this op into a preceding convolution).</summary>
    public float[]? Slopes { get; }
    public ActivationRange Clamp => ActivationRange.None;
    public int InputTensor => _input;
    public int OutputTensor => _output;

    public override int WorkUnits => (_rows + _rowsPerUnit - 1) / _rowsPerUnit;

    public override long Cost => (long)_rows * _channels;


    protected override int CostToConvolutionRatio => 6;

    public static Kernel Create(KernelBuildContext context)
    {
        context.RequireArity(2, 2, 1);
        IReadOnlyList<int> shape = context.InputShape(0), slopeShape = context.InputShape(1);
        if (shape.Count == 0) throw context.Unsupported("scalar input is not supported");
        int channels = shape[^1];
        for (int i = 0; i < slopeShape.Count - 1; i++)
        {
            if (slopeShape[i] != 1)
                throw context.Unsupported($"slope '{context.Input(1).Name}' {ShapeMath.Format(slopeShape)} varies along an axis other than the last");
        }
        if (slopeShape.Count > shape.Count || ShapeMath.ElementCount(slopeShape) != channels && ShapeMath.ElementCount(slopeShape) != 1)
            throw context.Format($"slope '{context.Input(1).Name}' {ShapeMath.Format(slopeShape)} does not broadcast to input {ShapeMath.Format(shape)}");
        float[] raw = context.ConstantFloats(1);
        float[] slopes = raw.Length == channels ? raw : Enumerable.Repeat(raw[0], channels).ToArray();
        context.ExpectOutputShape(0, shape);
        int input = context.ArenaInput(0), output = context.ArenaOutput(0);
        return new PReluKernel(input, output, channels, (int)(ShapeMath.ElementCount(shape) / channels), slopes,
            context.Isa);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Run(in TensorMap tensors, int begin, int end)
    {
        float* input = tensors[_input], output = tensors[_output];
        int firstRow = begin * _rowsPerUnit, lastRow = Math.Min(_rows, end * _rowsPerUnit);
        int channels = _channels;
        for (int row = firstRow; row < lastRow; row++)
        {
            float* x = input + (long)row * channels, y = output + (long)row * channels;
            if (_isa == VectorIsa.Vector512) Row<Vector512<float>>(x, y, channels);
            else if (_isa == VectorIsa.Vector256) Row<Vector256<float>>(x, y, channels);
            else
            {
                for (int c = 0; c < channels; c++) y[c] = x[c] >= 0f ? x[c] : x[c] * _slopes.Pointer[c];
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Row<T>(float* x, float* y, int channels) where T : struct
    {
        for (int c = 0; c < channels; c += VectorOps.Count<T>())
        {
            int n = channels - c;
            VectorOps.StoreFirst(y + c, VectorOps.ScaleNegative(VectorOps.LoadFirst<T>(x + c, n), VectorOps.Load<T>(_slopes.Pointer + c)), n);
        }
    }
}
