using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using FaceMesh.Runtime.Graph;
using FaceMesh.Runtime.Model;

namespace FaceMesh.Runtime.Kernels;

/// <summary>
/// ADD and MUL with broadcasting and a fused activation. Three layouts, chosen at load: equal
/// shapes; one operand repeating with a period over the flat output (a scalar, or a per-channel
/// vector such as [C] against [1,H,W,C]); anything else through per-row stride arithmetic.
/// Both operations are commutative, so the repeating operand is always kept second.
/// </summary>
internal sealed unsafe class BinaryKernel : Kernel, IFusesActivation
{
    private const int ChunkElements = 4096;

    private enum Layout { SameShape, Periodic, General }

    private readonly BinaryOperation _operation;
    private readonly int _a;
    private readonly int _b;
    private readonly int _output;
    private readonly Layout _layout;
    private readonly long _count;
    private readonly long _period;
    private readonly long _chunk;
    private readonly BroadcastShape _broadcast;
    private readonly ActivationRange _activation;
    private readonly VectorIsa _isa;
    private readonly AlignedFloats? _slopes; // fused PRELU: per-channel slopes of the last axis
    private readonly int _channels;

    private BinaryKernel(BinaryOperation operation, int a, int b, int output, IReadOnlyList<int> shapeA,
        IReadOnlyList<int> shapeB, ActivationRange activation, VectorIsa isa)
        : base(operation == BinaryOperation.Add ? "Add" : "Mul")
    {
        _operation = operation;
        _activation = activation;
        _isa = isa;
        _output = output;
        long countA = ShapeMath.ElementCount(shapeA), countB = ShapeMath.ElementCount(shapeB);
        if (countA < countB)
        {
            (a, b) = (b, a);
            (shapeA, shapeB) = (shapeB, shapeA);
        }
        _a = a;
        _b = b;
        _broadcast = BroadcastShape.Create(shapeA, shapeB);
        _count = _broadcast.ElementCount;
        _period = PeriodOf(_broadcast, shapeA, shapeB);
        _layout = ShapeMath.SameShape(shapeA, shapeB) ? Layout.SameShape : _period > 0 ? Layout.Periodic : Layout.General;
        _chunk = _layout switch
        {
            Layout.Periodic => _period * Math.Max(1, ChunkElements / _period),
            Layout.General => _broadcast.Output[BroadcastShape.MaxRank - 1],
            _ => ChunkElements,
        };
    }

    private BinaryKernel(BinaryKernel source, ActivationRange activation, float[]? slopes, int output) : base(source.OpName)
    {
        _operation = source._operation;
        _a = source._a;
        _b = source._b;
        _output = output;
        _layout = source._layout;
        _count = source._count;
        _period = source._period;
        _broadcast = source._broadcast;
        _isa = source._isa;
        _activation = activation;
        _chunk = source._chunk;
        if (slopes is not null)
        {
            _channels = slopes.Length;
            _slopes = new AlignedFloats(SimdSupport.RoundUp(_channels));
            slopes.CopyTo(_slopes.AsSpan());
            _chunk = _channels * Math.Max(1, ChunkElements / _channels);
        }
    }

    public Kernel? FuseActivation(ActivationRange clamp, float[]? slopes, int output)
    {
        if (!_activation.IsIdentity || _slopes is not null) return null;
        if (slopes is not null && (_layout != Layout.SameShape || _broadcast.Output[BroadcastShape.MaxRank - 1] != slopes.Length))
            return null;
        return new BinaryKernel(this, clamp, slopes, output);
    }

    /// <summary>
    /// True for an ADD of two equally shaped tensors with at most a clamp (its own RELU/RELU6)
    /// fused into it: a residual block's sum, which a producing convolution can take over
    /// (see <see cref="ResidualFusion"/>).
    /// </summary>
    public bool IsSameShapeAdd => _operation == BinaryOperation.Add && _layout == Layout.SameShape && _slopes is null;

    /// <summary>The clamp of the operator's fused activation (identity for NONE).</summary>
    public ActivationRange Activation => _activation;

    /// <summary>The two operand tensors (for same-shape operands in model order) and the result.</summary>
    public (int A, int B, int Output) Tensors => (_a, _b, _output);

    public override int WorkUnits => (int)((_count + _chunk - 1) / _chunk);

    public override long Cost => _count;


    protected override int CostToConvolutionRatio => 6;

    public static Kernel Create(KernelBuildContext context, BinaryOperation operation)
    {
        context.RequireArity(2, 2, 1);
        var options = context.Op.Options as ArithmeticOptions;
        var activation = ActivationRange.From(options?.Activation ?? FusedActivation.None, context);
        IReadOnlyList<int> shapeA = context.InputShape(0), shapeB = context.InputShape(1);
        int[] expected = BroadcastShape.ResultShape(shapeA, shapeB)
            ?? throw context.Format($"inputs {ShapeMath.Format(shapeA)} and {ShapeMath.Format(shapeB)} cannot be broadcast together");
        if (expected.Length > BroadcastShape.MaxRank) throw context.Unsupported($"rank {expected.Length} is not supported");
        context.ExpectOutputShape(0, expected);
        int a = context.ArenaInput(0), b = context.ArenaInput(1), output = context.ArenaOutput(0);
        return new BinaryKernel(operation, a, b, output, shapeA, shapeB, activation, context.Isa);
    }

    /// <summary>Length of the repeating pattern when B is A's trailing dimensions (with leading 1s); 0 when it is not.</summary>
    private static long PeriodOf(BroadcastShape broadcast, IReadOnlyList<int> shapeA, IReadOnlyList<int> shapeB)
    {
        if (ShapeMath.ElementCount(shapeA) != broadcast.ElementCount) return 0;
        long countB = ShapeMath.ElementCount(shapeB);
        long period = 1;
        for (int i = BroadcastShape.MaxRank - 1; i >= 0 && period < countB; i--) period *= broadcast.Output[i];
        if (period != countB) return 0;
        // B's elements must follow A's trailing dimensions exactly (no inner broadcast).
        long stride = 1;
        for (int i = BroadcastShape.MaxRank - 1; i >= 0 && stride < countB; i--)
        {
            if (broadcast.StridesB[i] != stride && broadcast.Output[i] != 1) return 0;
            stride *= broadcast.Output[i];
        }
        return period;
    }

    public override void Run(in TensorMap tensors, int begin, int end)
    {
        bool add = _operation == BinaryOperation.Add;
        switch (_isa)
        {
            case VectorIsa.Vector512:
                if (add) Run<AddOperator, Vector512<float>>(tensors, begin, end);
                else Run<MultiplyOperator, Vector512<float>>(tensors, begin, end);
                break;
            case VectorIsa.Vector256:
                if (add) Run<AddOperator, Vector256<float>>(tensors, begin, end);
                else Run<MultiplyOperator, Vector256<float>>(tensors, begin, end);
                break;
            default:
                if (add) Run<AddOperator, float>(tensors, begin, end);
                else Run<MultiplyOperator, float>(tensors, begin, end);
                break;
        }
    }

    /// <summary><typeparamref name="T"/> is the vector type, or float for the scalar path.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Run<TOp, T>(in TensorMap tensors, int begin, int end) where TOp : struct, IBinaryOperator where T : struct
    {
        float* a = tensors[_a], b = tensors[_b], output = tensors[_output];
        long start = begin * _chunk, stop = Math.Min(_count, end * _chunk);
        switch (_layout)
        {
            case Layout.SameShape when _slopes is not null:
                for (long i = start; i < stop; i += _channels) ContiguousPRelu<TOp, T>(a + i, b + i, output + i);
                break;
            case Layout.SameShape:
                Contiguous<TOp, T>(a + start, b + start, output + start, (int)(stop - start));
                break;
            case Layout.Periodic when _period == 1:
                Scalar<TOp, T>(a + start, *b, output + start, (int)(stop - start));
                break;
            case Layout.Periodic:
                for (long i = start; i < stop; i += _period) Contiguous<TOp, T>(a + i, b, output + i, (int)_period);
                break;
            default:
                for (long row = start; row < stop; row += _chunk) GeneralRow<TOp>(a, b, output, row);
                break;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Contiguous<TOp, T>(float* a, float* b, float* output, int count) where TOp : struct, IBinaryOperator where T : struct
    {
        int i = 0;
        if (typeof(T) != typeof(float))
        {
            T min = VectorOps.Broadcast<T>(_activation.Min), max = VectorOps.Broadcast<T>(_activation.Max);
            bool clamps = !_activation.IsIdentity;
            for (; i < count; i += VectorOps.Count<T>())
            {
                int n = count - i;
                T value = TOp.Apply(VectorOps.LoadFirst<T>(a + i, n), VectorOps.LoadFirst<T>(b + i, n));
                if (clamps) value = VectorOps.Clamp(value, min, max);
                VectorOps.StoreFirst(output + i, value, n);
            }
            return;
        }
        for (; i < count; i++) output[i] = _activation.Apply(TOp.Apply(a[i], b[i]));
    }

    /// <summary>One row of channels with a fused PRELU (then the clamp, if any).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void ContiguousPRelu<TOp, T>(float* a, float* b, float* output) where TOp : struct, IBinaryOperator where T : struct
    {
        int count = _channels;
        float* slopes = _slopes!.Pointer;
        if (typeof(T) != typeof(float))
        {
            T min = VectorOps.Broadcast<T>(_activation.Min), max = VectorOps.Broadcast<T>(_activation.Max);
            for (int i = 0; i < count; i += VectorOps.Count<T>())
            {
                int n = count - i;
                T value = TOp.Apply(VectorOps.LoadFirst<T>(a + i, n), VectorOps.LoadFirst<T>(b + i, n));
                value = VectorOps.ScaleNegative(value, VectorOps.Load<T>(slopes + i));
                VectorOps.StoreFirst(output + i, VectorOps.Clamp(value, min, max), n);
            }
            return;
        }
        for (int i = 0; i < count; i++)
        {
            float value = TOp.Apply(a[i], b[i]);
            output[i] = _activation.Apply(value < 0f ? value * slopes[i] : value);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Scalar<TOp, T>(float* a, float b, float* output, int count) where TOp : struct, IBinaryOperator where T : struct
    {
        int i = 0;
        if (typeof(T) != typeof(float))
        {
            T vb = VectorOps.Broadcast<T>(b);
            T min = VectorOps.Broadcast<T>(_activation.Min), max = VectorOps.Broadcast<T>(_activation.Max);
            bool clamps = !_activation.IsIdentity;
            for (; i < count; i += VectorOps.Count<T>())
            {
                int n = count - i;
                T value = TOp.Apply(VectorOps.LoadFirst<T>(a + i, n), vb);
                if (clamps) value = VectorOps.Clamp(value, min, max);
                VectorOps.StoreFirst(output + i, value, n);
            }
            return;
        }
        for (; i < count; i++) output[i] = _activation.Apply(TOp.Apply(a[i], b));
    }

    private void GeneralRow<TOp>(float* a, float* b, float* output, long outputIndex) where TOp : struct, IBinaryOperator
    {
        int[] shape = _broadcast.Output;
        long offsetA = 0, offsetB = 0, rest = outputIndex / shape[BroadcastShape.MaxRank - 1];
        for (int d = BroadcastShape.MaxRank - 2; d >= 0; d--)
        {
            long coordinate = rest % shape[d];
            rest /= shape[d];
            offsetA += coordinate * _broadcast.StridesA[d];
            offsetB += coordinate * _broadcast.StridesB[d];
        }
        int last = BroadcastShape.MaxRank - 1;
        long strideA = _broadcast.StridesA[last], strideB = _broadcast.StridesB[last];
        for (int i = 0; i < shape[last]; i++)
            output[outputIndex + i] = _activation.Apply(TOp.Apply(a[offsetA + i * strideA], b[offsetB + i * strideB]));
    }
}
