using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using FaceMesh.Runtime.Graph;

namespace FaceMesh.Runtime.Kernels;

/// <summary>
/// PAD with zeros, any axes (channel padding for residual shortcuts, spatial padding before VALID
/// convolutions). Works row by row along the last axis: a row is either all padding or a copy of
/// an input row framed by zeros. Work units are groups of output rows.
/// </summary>
internal sealed unsafe class PadKernel : Kernel
{
    private const int ChunkElements = 4096;

    private readonly int _input;
    private readonly int _output;
    private readonly int[] _inShape;
    private readonly int[] _outShape;
    private readonly int[] _before;
    private readonly int[] _inShapeOriginal;
    private readonly int[] _outShapeOriginal;
    private readonly int _rows;
    private readonly int _rowsPerUnit;

    private readonly VectorIsa _isa;

    private PadKernel(int input, int output, int[] inShape, int[] outShape, int[] before, VectorIsa isa) : base("Pad")
    {
        _input = input;
        _output = output;
        bool appendsChannelsOnly = before.All(b => b == 0) && inShape.Length > 0
            && inShape.AsSpan(0, inShape.Length - 1).SequenceEqual(outShape.AsSpan(0, outShape.Length - 1));
        ChannelsKept = appendsChannelsOnly ? inShape[^1] : null;
        bool padsHeightAndWidthOnly = inShape.Length == 4 && before[0] == 0 && before[3] == 0
            && inShape[0] == outShape[0] && inShape[3] == outShape[3];
        SpatialPadding = padsHeightAndWidthOnly ? new ImageFrame(inShape[1], inShape[2], before[1], before[2]) : null;
        _inShapeOriginal = inShape;
        _outShapeOriginal = outShape;
        (_inShape, _outShape, _before) = CollapseUnpaddedTail(inShape, outShape, before);
        _isa = isa;
        inShape = _inShape;
        outShape = _outShape;
        int last = outShape.Length - 1;
        _rows = (int)(ShapeMath.ElementCount(outShape) / outShape[last]);
        _rowsPerUnit = Math.Max(1, ChunkElements / outShape[last]);
    }

    public int InputTensor => _input;

    /// <summary>
    /// When this PAD only appends zero channels (the last axis, at its end, as residual shortcuts
    /// of widening blocks do), the input's channel count; otherwise null.
    /// </summary>
    public int? ChannelsKept { get; }

    /// <summary>
    /// When this PAD frames an NHWC image with zero rows and columns and leaves batch and channels
    /// alone, the input image's size and the padding before it; otherwise null.
    /// </summary>
    public ImageFrame? SpatialPadding { get; }

    public readonly record struct ImageFrame(int Height, int Width, int Top, int Left);

    public override string Describe() =>
        $"{ShapeMath.Format(_inShapeOriginal)} -> {ShapeMath.Format(_outShapeOriginal)}";

    public override int WorkUnits => (_rows + _rowsPerUnit - 1) / _rowsPerUnit;

    public override long Cost => (long)_rows * _outShape[^1];


    protected override int CostToConvolutionRatio => 8;

    public static Kernel Create(KernelBuildContext context)
    {
        context.RequireArity(2, 2, 1);
        int[] inShape = context.InputShape(0).ToArray();
        if (inShape.Length == 0) throw context.Unsupported("padding a scalar is not supported");
        int[] paddings = context.ConstantInts(1);
        if (paddings.Length != inShape.Length * 2)
            throw context.Format($"paddings '{context.Input(1).Name}' has {paddings.Length} values, expected {inShape.Length * 2}");
        var before = new int[inShape.Length];
        var outShape = new int[inShape.Length];
        for (int d = 0; d < inShape.Length; d++)
        {
            before[d] = paddings[2 * d];
            int after = paddings[2 * d + 1];
            if (before[d] < 0 || after < 0) throw context.Unsupported("negative padding is not supported");
            outShape[d] = inShape[d] + before[d] + after;
        }
        context.ExpectOutputShape(0, outShape);
        int input = context.ArenaInput(0), output = context.ArenaOutput(0);
        return new PadKernel(input, output, inShape, outShape, before, context.Isa);
    }

    /// <summary>
    /// Merges trailing axes without padding into the last padded one, so spatial padding copies
    /// whole image rows instead of one pixel at a time.
    /// </summary>
    private static (int[] In, int[] Out, int[] Before) CollapseUnpaddedTail(int[] inShape, int[] outShape, int[] before)
    {
        int rank = inShape.Length, last = rank - 1;
        int inner = 1;
        while (last > 0 && inShape[last] == outShape[last])
        {
            inner *= inShape[last];
            last--;
        }
        if (last == rank - 1) return (inShape, outShape, before);
        int[] newIn = inShape[..(last + 1)], newOut = outShape[..(last + 1)], newBefore = before[..(last + 1)];
        newIn[last] *= inner;
        newOut[last] *= inner;
        newBefore[last] *= inner;
        return (newIn, newOut, newBefore);
    }

    private const int ShortRow = 256;

    /// <summary>Channel padding: a few masked vector moves per pixel instead of three memory calls.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CopyShortRow<T>(float* source, int count, float* destination, int length) where T : struct
    {
        for (int c = 0; c < length; c += VectorOps.Count<T>())
        {
            T value = c < count ? VectorOps.LoadFirst<T>(source + c, count - c) : VectorOps.Zero<T>();
            VectorOps.StoreFirst(destination + c, value, length - c);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Run(in TensorMap tensors, int begin, int end)
    {
        float* input = tensors[_input], output = tensors[_output];
        int rank = _outShape.Length, last = rank - 1;
        int outRow = _outShape[last], inRow = _inShape[last], lead = _before[last];
        int firstRow = begin * _rowsPerUnit, lastRow = Math.Min(_rows, end * _rowsPerUnit);
        if (firstRow >= lastRow) return;
        // Output coordinates of the current row, advanced like an odometer: one division per call
        // instead of one per axis per row (channel padding has a row per pixel).
        int* coordinate = stackalloc int[rank];
        int rest = firstRow;
        for (int d = last - 1; d >= 0; d--)
        {
            coordinate[d] = rest % _outShape[d];
            rest /= _outShape[d];
        }
        for (int row = firstRow; row < lastRow; row++)
        {
            float* destination = output + (long)row * outRow;
            long inputRow = 0, stride = 1;
            bool inside = true;
            for (int d = last - 1; d >= 0; d--)
            {
                int source = coordinate[d] - _before[d];
                if ((uint)source >= (uint)_inShape[d]) { inside = false; break; }
                inputRow += source * stride;
                stride *= _inShape[d];
            }
            for (int d = last - 1; d >= 0 && ++coordinate[d] == _outShape[d]; d--) coordinate[d] = 0;
            if (!inside)
            {
                new Span<float>(destination, outRow).Clear();
                continue;
            }
            float* sourceRow = input + inputRow * inRow;
            if (lead == 0 && outRow <= ShortRow && _isa != VectorIsa.Scalar)
            {
                if (_isa == VectorIsa.Vector512) CopyShortRow<Vector512<float>>(sourceRow, inRow, destination, outRow);
                else CopyShortRow<Vector256<float>>(sourceRow, inRow, destination, outRow);
                continue;
            }
            new Span<float>(destination, lead).Clear();
            new ReadOnlySpan<float>(sourceRow, inRow).CopyTo(new Span<float>(destination + lead, inRow));
            new Span<float>(destination + lead + inRow, outRow - lead - inRow).Clear();
        }
    }
}
