using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using FaceMesh.Runtime.Graph;

namespace FaceMesh.Runtime.Kernels;

/// <summary>RELU and RELU6 as standalone ops: a clamp over a flat buffer.</summary>
internal sealed unsafe class ClampKernel : Kernel, IFusableActivation
{
    private const int ChunkElements = 4096;

    private readonly int _input;
    private readonly int _output;
    private readonly int _count;
    private readonly ActivationRange _range;
    private readonly VectorIsa _isa;

    private ClampKernel(string name, int input, int output, int count, ActivationRange range, VectorIsa isa) : base(name)
    {
        _input = input;
        _output = output;
        _count = count;
        _range = range;
        _isa = isa;
    }

    public int InputTensor => _input;
    public int OutputTensor => _output;
    public ActivationRange Clamp => _range;
    public float[]? Slopes => null;

    public override int WorkUnits => (_count + ChunkElements - 1) / ChunkElements;

    public override long Cost => _count;


    protected override int CostToConvolutionRatio => 6;

    public static Kernel Create(KernelBuildContext context, float min, float max)
    {
        context.RequireArity(1, 1, 1);
        context.ExpectOutputShape(0, context.InputShape(0));
        int input = context.ArenaInput(0), output = context.ArenaOutput(0);
        return new ClampKernel(context.OpName, input, output, (int)ShapeMath.ElementCount(context.InputShape(0)),
            new ActivationRange(min, max), context.Isa);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Run(in TensorMap tensors, int begin, int end)
    {
        float* input = tensors[_input], output = tensors[_output];
        int start = begin * ChunkElements, stop = Math.Min(_count, end * ChunkElements);
        switch (_isa)
        {
            case VectorIsa.Vector512: ClampRange<Vector512<float>>(input, output, start, stop); break;
            case VectorIsa.Vector256: ClampRange<Vector256<float>>(input, output, start, stop); break;
            default:
                for (int i = start; i < stop; i++) output[i] = _range.Apply(input[i]);
                break;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ClampRange<T>(float* input, float* output, int start, int stop) where T : struct
    {
        T min = VectorOps.Broadcast<T>(_range.Min), max = VectorOps.Broadcast<T>(_range.Max);
        for (int i = start; i < stop; i += VectorOps.Count<T>())
        {
            int n = stop - i;
            VectorOps.StoreFirst(output + i, VectorOps.Clamp(VectorOps.LoadFirst<T>(input + i, n), min, max), n);
        }
    }
}
