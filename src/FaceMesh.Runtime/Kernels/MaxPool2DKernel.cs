using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using FaceMesh.Runtime.Graph;
using FaceMesh.Runtime.Model;

namespace FaceMesh.Runtime.Kernels;

/// <summary>
/// MAX_POOL_2D on NHWC, vectorised over channels. Padding cells are not candidates (the window
/// is clipped to the input), as in TFLite. Work units are output rows.
/// </summary>
internal sealed unsafe partial class MaxPool2DKernel : Kernel
{
    private readonly int _input;
    private readonly int _output;
    private readonly ConvGeometry _g;
    private readonly int _channels;
    private readonly ActivationRange _activation;
    private readonly VectorIsa _isa;
    private readonly bool _planes; // input and output as ChannelPlaneLayout describes

    private MaxPool2DKernel(MaxPool2DKernel source, bool planes) : this(source._input, source._output, source._g, source._channels, source._activation, source._isa)
    {
        _planes = planes;
    }

    private MaxPool2DKernel(int input, int output, ConvGeometry geometry, int channels, ActivationRange activation, VectorIsa isa)
        : base("MaxPool2D")
    {
        _input = input;
        _output = output;
        _g = geometry;
        _channels = channels;
        _activation = activation;
        _isa = isa;
    }

    public override int WorkUnits => _g.OutputHeight;

    public override long Cost => (long)_g.OutputPixels * _channels * _g.Taps;


    protected override int CostToConvolutionRatio => 4;

    public static Kernel Create(KernelBuildContext context)
    {
        context.RequireArity(1, 1, 1);
        var options = context.Options<Pool2DOptions>();
        context.ExpectInputRank(0, 4);
        context.ExpectBatchOne(0);
        IReadOnlyList<int> shape = context.InputShape(0);
        var geometry = ConvGeometry.Create(context, options.Padding, shape[1], shape[2], options.FilterH, options.FilterW,
            options.StrideH, options.StrideW, 1, 1);
        var activation = ActivationRange.From(options.Activation, context);
        context.ExpectOutputShape(0, [1, geometry.OutputHeight, geometry.OutputWidth, shape[3]]);
        int input = context.ArenaInput(0), output = context.ArenaOutput(0);
        return new MaxPool2DKernel(input, output, geometry, shape[3], activation, context.Isa);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Run(in TensorMap tensors, int begin, int end)
    {
        float* input = tensors[_input], output = tensors[_output];
        if (_planes)
        {
            PlaneRows(input, output, begin, end);
            return;
        }
        if (IsUnclippedTwoByTwo && _isa != VectorIsa.Scalar)
        {
            if (_isa == VectorIsa.Vector512) TwoByTwoRows<Vector512<float>>(input, output, begin, end);
            else TwoByTwoRows<Vector256<float>>(input, output, begin, end);
            return;
        }
        int channels = _channels;
        for (int oy = begin; oy < end; oy++)
        {
            int iy0 = oy * _g.StrideHeight - _g.PadTop;
            int yFrom = Math.Max(0, iy0), yTo = Math.Min(_g.InputHeight, iy0 + _g.KernelHeight);
            for (int ox = 0; ox < _g.OutputWidth; ox++)
            {
                int ix0 = ox * _g.StrideWidth - _g.PadLeft;
                int xFrom = Math.Max(0, ix0), xTo = Math.Min(_g.InputWidth, ix0 + _g.KernelWidth);
                float* destination = output + ((long)oy * _g.OutputWidth + ox) * channels;
                if (_isa == VectorIsa.Vector512)
                {
                    Pixel<Vector512<float>>(input, destination, yFrom, yTo, xFrom, xTo);
                    continue;
                }
                if (_isa == VectorIsa.Vector256)
                {
                    Pixel<Vector256<float>>(input, destination, yFrom, yTo, xFrom, xTo);
                    continue;
                }
                for (int c = 0; c < channels; c++)
                {
                    float best = float.NegativeInfinity;
                    for (int iy = yFrom; iy < yTo; iy++)
                        for (int ix = xFrom; ix < xTo; ix++)
                            best = Math.Max(best, input[((long)iy * _g.InputWidth + ix) * channels + c]);
                    destination[c] = _activation.Apply(best);
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Pixel<T>(float* input, float* destination, int yFrom, int yTo, int xFrom, int xTo) where T : struct
    {
        int channels = _channels;
        T min = VectorOps.Broadcast<T>(_activation.Min), max = VectorOps.Broadcast<T>(_activation.Max);
        for (int c = 0; c < channels; c += VectorOps.Count<T>())
        {
            int n = channels - c;
            T best = VectorOps.Broadcast<T>(float.NegativeInfinity);
            for (int iy = yFrom; iy < yTo; iy++)
                for (int ix = xFrom; ix < xTo; ix++)
                    best = VectorOps.Max(best, VectorOps.LoadFirst<T>(input + ((long)iy * _g.InputWidth + ix) * channels + c, n));
            VectorOps.StoreFirst(destination + c, VectorOps.Clamp(best, min, max), n);
        }
    }
}
