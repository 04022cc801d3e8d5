using FaceMesh.Runtime.Graph;
using FaceMesh.Runtime.Model;

namespace FaceMesh.Runtime.Kernels;

/// <summary>
/// STRIDED_SLICE with constant begin/end/strides, begin/end/shrink masks and the offset flag. A
/// slice that selects everything is an alias; any other is a gather over at most 6 axes.
/// </summary>
internal sealed unsafe class StridedSliceKernel : Kernel
{
    private const int MaxRank = 6;

    private readonly int _input;
    private readonly int _output;
    private readonly int[] _start;   // per padded axis
    private readonly int[] _step;
    private readonly int[] _count;
    private readonly long[] _inputStrides;
    private readonly long _total;

    private StridedSliceKernel(int input, int output, int[] start, int[] step, int[] count, long[] inputStrides) : base("StridedSlice")
    {
        _input = input;
        _output = output;
        _start = start;
        _step = step;
        _count = count;
        _inputStrides = inputStrides;
        _total = ShapeMath.ElementCount(count);
    }

    public override int WorkUnits => 1;

    public override long Cost => _total;


    protected override int CostToConvolutionRatio => 6;

    public static Kernel? Create(KernelBuildContext context)
    {
        context.RequireArity(4, 4, 1);
        var options = context.Options<StridedSliceOptions>();
        if (options.EllipsisMask != 0 || options.NewAxisMask != 0)
            throw context.Unsupported("ellipsis and new-axis masks are not supported");
        IReadOnlyList<int> shape = context.InputShape(0);
        int rank = shape.Count;
        if (rank > MaxRank) throw context.Unsupported($"rank {rank} is not supported");
        int[] begin = context.ConstantInts(1), end = context.ConstantInts(2), strides = context.ConstantInts(3);
        if (begin.Length != rank || end.Length != rank || strides.Length != rank)
            throw context.Format($"begin/end/strides must have {rank} values each");

        var start = new int[MaxRank];
        var step = new int[MaxRank];
        var count = new int[MaxRank];
        var inputStrides = new long[MaxRank];
        var outShape = new List<int>();
        bool identity = true;
        long stride = 1;
        for (int d = MaxRank - 1; d >= 0; d--)
        {
            int axis = d - (MaxRank - rank);
            if (axis < 0)
            {
                step[d] = 1;
                count[d] = 1;
                continue;
            }
            inputStrides[d] = stride;
            stride *= shape[axis];
        }
        for (int axis = 0; axis < rank; axis++)
        {
            int d = axis + MaxRank - rank, extent = shape[axis], s = strides[axis];
            if (s == 0) throw context.Format($"stride of axis {axis} is 0");
            bool shrink = (options.ShrinkAxisMask >> axis & 1) != 0;
            int first = (options.BeginMask >> axis & 1) != 0 && !shrink ? (s > 0 ? 0 : extent - 1) : Normalize(begin[axis], extent, s);
            int stop;
            if (shrink) stop = first + 1;
            else if ((options.EndMask >> axis & 1) != 0) stop = s > 0 ? extent : -1;
            else stop = options.Offset ? Normalize(begin[axis] + end[axis], extent, s) : Normalize(end[axis], extent, s);
            int n = s > 0 ? Math.Max(0, (stop - first + s - 1) / s) : Math.Max(0, (first - stop - s - 1) / -s);
            if (shrink && n != 1) throw context.Format($"shrunk axis {axis} selects {n} elements");
            start[d] = first;
            step[d] = s;
            count[d] = n;
            if (!shrink) outShape.Add(n);
            if (first != 0 || s != 1 || n != extent || shrink) identity = false;
        }
        context.ExpectOutputShape(0, outShape);
        if (identity)
        {
            context.ArenaInput(0);
            context.ArenaOutput(0);
            context.AliasOutputToInput();
            return null;
        }
        int input = context.ArenaInput(0), output = context.ArenaOutput(0);
        return new StridedSliceKernel(input, output, start, step, count, inputStrides);
    }

    /// <summary>Resolves a negative index and clamps it to the range TFLite allows for the stride's direction.</summary>
    private static int Normalize(int index, int extent, int stride)
    {
        if (index < 0) index += extent;
        return stride > 0 ? Math.Clamp(index, 0, extent) : Math.Clamp(index, -1, extent - 1);
    }

    public override void Run(in TensorMap tensors, int begin, int end)
    {
        float* input = tensors[_input], output = tensors[_output];
        long written = 0;
        for (int i0 = 0; i0 < _count[0]; i0++)
        for (int i1 = 0; i1 < _count[1]; i1++)
        for (int i2 = 0; i2 < _count[2]; i2++)
        for (int i3 = 0; i3 < _count[3]; i3++)
        for (int i4 = 0; i4 < _count[4]; i4++)
        {
            long offset = Offset(0, i0) + Offset(1, i1) + Offset(2, i2) + Offset(3, i3) + Offset(4, i4);
            for (int i5 = 0; i5 < _count[5]; i5++) output[written++] = input[offset + Offset(5, i5)];
        }
    }

    private long Offset(int axis, int index) => (_start[axis] + (long)index * _step[axis]) * _inputStrides[axis];
}
