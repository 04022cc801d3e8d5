using FaceMesh.Runtime.Graph;
using FaceMesh.Runtime.Model;

namespace FaceMesh.Runtime.Kernels;

/// <summary>
/// CONCATENATION along any axis: for each index over the axes before it, the inputs' contiguous
/// blocks are copied one after another. Work units are those outer indices.
/// </summary>
internal sealed unsafe class ConcatenationKernel : Kernel
{
    private readonly int[] _inputs;
    private readonly long[] _blockSizes;
    private readonly int _output;
    private readonly int _outer;
    private readonly long _outputBlock;
    private readonly ActivationRange _activation;

    private ConcatenationKernel(int[] inputs, long[] blockSizes, int output, int outer, ActivationRange activation)
        : base("Concatenation")
    {
        _inputs = inputs;
        _blockSizes = blockSizes;
        _output = output;
        _outer = outer;
        _outputBlock = blockSizes.Sum();
        _activation = activation;
    }

    public override int WorkUnits => _outer;

    public override long Cost => _outer * _outputBlock;


    protected override int CostToConvolutionRatio => 6;

    public static Kernel Create(KernelBuildContext context)
    {
        context.RequireArity(1, int.MaxValue, 1);
        var options = context.Options<ConcatenationOptions>();
        var activation = ActivationRange.From(options.Activation, context);
        IReadOnlyList<int> first = context.InputShape(0);
        int rank = first.Count;
        int axis = options.Axis < 0 ? options.Axis + rank : options.Axis;
        if (axis < 0 || axis >= rank) throw context.Format($"axis {options.Axis} is outside rank {rank}");

        int[] outShape = first.ToArray();
        outShape[axis] = 0;
        var blockSizes = new long[context.InputCount];
        for (int i = 0; i < context.InputCount; i++)
        {
            IReadOnlyList<int> shape = context.InputShape(i);
            if (shape.Count != rank)
                throw context.Format($"input {i} '{context.Input(i).Name}' {ShapeMath.Format(shape)} has a different rank than input 0 {ShapeMath.Format(first)}");
            for (int d = 0; d < rank; d++)
            {
                if (d != axis && shape[d] != first[d])
                    throw context.Format($"input {i} '{context.Input(i).Name}' {ShapeMath.Format(shape)} differs from input 0 {ShapeMath.Format(first)} outside axis {axis}");
            }
            outShape[axis] += shape[axis];
            long block = 1;
            for (int d = axis; d < rank; d++) block *= shape[d];
            blockSizes[i] = block;
        }
        context.ExpectOutputShape(0, outShape);
        int outer = 1;
        for (int d = 0; d < axis; d++) outer *= first[d];
        var inputs = new int[context.InputCount];
        for (int i = 0; i < inputs.Length; i++) inputs[i] = context.ArenaInput(i);
        int output = context.ArenaOutput(0);
        return new ConcatenationKernel(inputs, blockSizes, output, outer, activation);
    }

    public override void Run(in TensorMap tensors, int begin, int end)
    {
        float* output = tensors[_output];
        for (int o = begin; o < end; o++)
        {
            float* destination = output + o * _outputBlock;
            for (int i = 0; i < _inputs.Length; i++)
            {
                long block = _blockSizes[i];
                new ReadOnlySpan<float>(tensors[_inputs[i]] + o * block, checked((int)block))
                    .CopyTo(new Span<float>(destination, (int)block));
                if (!_activation.IsIdentity)
                {
                    for (long k = 0; k < block; k++) destination[k] = _activation.Apply(destination[k]);
                }
                destination += block;
            }
        }
    }
}
