using FaceMesh.Runtime.Graph;

namespace FaceMesh.Runtime.Kernels;

/// <summary>
/// A depthwise convolution and the 1x1 convolution that alone reads its output, run band by band:
/// a few depthwise rows, then the 1x1 layer on exactly those pixels while they are still in L1.
/// Saves a pass over memory and, on several threads, one synchronisation per block; each band's
/// rows stay on one core. The depthwise half runs its own kernel's code; on the vector paths the
/// 1x1 half runs <see cref="PointwiseRun"/>, which sums every output in the same order as the 1x1
/// kernel would, so results are bit-identical.
/// The band lives in a buffer on the running thread's stack, not in the arena: writing the whole
/// intermediate tensor added a stream of a full layer's size (1.2 MB at 96x96x32) that, with the
/// input, no longer fit in L2, and the few-channel 96x96 pairs ran at under half the FMA peak.
/// </summary>
internal sealed unsafe class DepthwisePointwiseKernel : Kernel
{
    private const int BandFloats = 4096; // a band of depthwise output small enough to stay in L1
    internal const int MaxStackBandFloats = 16384; // wider bands (very wide or deep layers) stay in the arena

    private readonly DepthwiseConv2DKernel _depthwise;
    private readonly Conv2DKernel _pointwise;
    private readonly int _rows;
    private readonly int _width;
    private readonly int _bandRows;
    private readonly int _between;   // the depthwise output, only ever read by the 1x1 layer
    private readonly int _bandFloats;
    private readonly PointwiseRun? _pointwiseRun; // the vector paths' 1x1 over whole tiles
    private readonly int _wholeTiles;
    private readonly ChannelPlanePair? _planes; // the AVX-512 path for wide, few-channel blocks, when it applies
    private readonly bool _runsPlanes;          // and can run as the layouts stand

    /// <summary>The pixels-in-lanes path, when this pair could take it (see <see cref="ChannelPlanePair.IsReady"/>).</summary>
    internal ChannelPlanePair? Planes => _planes;

    /// <summary>Whether the pixels-in-lanes path runs this pair.</summary>
    internal bool RunsPlanes => _runsPlanes;

    /// <summary>The same pair with its pixels-in-lanes path reading and writing the given layouts.</summary>
    internal DepthwisePointwiseKernel WithPlaneLayouts(bool readsPlanes, bool shortcutPlanes, bool writesPlanes) =>
        Create(_depthwise, _pointwise, _planes!.WithLayouts(readsPlanes, shortcutPlanes, writesPlanes));

    /// <summary>The same pair taking its shortcut as the 2x2 maximum of its own input (see <see cref="ChannelPlanePair.WithPooledShortcut"/>).</summary>
    internal DepthwisePointwiseKernel WithPooledShortcut(ActivationRange poolClamp) =>
        Create(_depthwise, _pointwise, _planes!.WithPooledShortcut(poolClamp));

    private DepthwisePointwiseKernel(DepthwiseConv2DKernel depthwise, Conv2DKernel pointwise, int bandRows, ChannelPlanePair? planes)
        : base("DepthwiseConv2D+Conv2D")
    {
        _planes = planes;
        _runsPlanes = planes is { IsReady: true };
        _depthwise = depthwise;
        _pointwise = pointwise;
        _rows = depthwise.WorkUnits;
        _width = depthwise.OutputWidth;
        _bandRows = bandRows;
        _between = depthwise.OutputTensor;
        _bandFloats = bandRows * _width * depthwise.Channels;
        PointwiseLayout layout = pointwise.Layout;
        _pointwiseRun = layout.Isa == VectorIsa.Scalar ? null : new PointwiseRun(layout);
        _wholeTiles = _rows * _width / Conv2DKernel.PixelsPerTile;
    }

    /// <summary>The fused pair, or null when <paramref name="pointwise"/> is not a 1x1 layer over the depthwise output.</summary>
    public static DepthwisePointwiseKernel? TryCreate(DepthwiseConv2DKernel depthwise, Conv2DKernel pointwise)
    {
        if (!pointwise.IsPointwise || pointwise.InputTensor != depthwise.OutputTensor) return null;
        return Create(depthwise, pointwise, ChannelPlanePair.TryCreate(depthwise, pointwise.Layout));
    }

    private static DepthwisePointwiseKernel Create(DepthwiseConv2DKernel depthwise, Conv2DKernel pointwise, ChannelPlanePair? planes)
    {
        if (planes is { IsReady: true })
            return new DepthwisePointwiseKernel(depthwise, pointwise, Math.Min(ChannelPlanePair.BandRows, depthwise.WorkUnits), planes);
        // A band must end on a tile boundary, or a 1x1 tile could read depthwise pixels that another thread has not written yet.
        int width = depthwise.OutputWidth, rows = depthwise.WorkUnits;
        int step = Conv2DKernel.PixelsPerTile / Gcd(width, Conv2DKernel.PixelsPerTile);
        int bandRows = step * Math.Max(1, BandFloats / (step * width * depthwise.Channels));
        return new DepthwisePointwiseKernel(depthwise, pointwise, Math.Min(bandRows, rows), planes);
    }

    public override int WorkUnits => (_rows + _bandRows - 1) / _bandRows;

    public override long Cost => _depthwise.ScheduleCost + _pointwise.ScheduleCost;

    /// <summary>Multiply-adds of both halves, for profiles.</summary>
    public long MultiplyAdds => _depthwise.Cost + _pointwise.Cost;

    public override string Describe() => $"{_depthwise.Describe()}, then {_pointwise.Describe()}";

    public override void Run(in TensorMap tensors, int begin, int end)
    {
        if (_runsPlanes)
        {
            _planes!.Run(tensors, begin * _bandRows, Math.Min(_rows, end * _bandRows));
            return;
        }
        if (_bandFloats > MaxStackBandFloats)
        {
            RunBands(tensors, begin, end, null);
            return;
        }
        float* buffer = stackalloc float[_bandFloats + SimdSupport.CacheLineFloats];
        RunBands(tensors, begin, end, SimdSupport.CacheLineAligned(buffer));
    }

    private void RunBands(in TensorMap tensors, int begin, int end, float* buffer)
    {
        int panels = _pointwise.Panels;
        long rowFloats = (long)_width * _depthwise.Channels;
        for (int band = begin; band < end; band++)
        {
            int first = band * _bandRows, last = Math.Min(_rows, first + _bandRows);
            // Both kernels address the intermediate by row; the buffer holds rows [first, last).
            var local = buffer is null ? tensors : tensors.WithTensorAt(_between, buffer - first * rowFloats);
            _depthwise.Run(local, first, last);
            int firstTile = first * _width / Conv2DKernel.PixelsPerTile;
            int lastTile = last == _rows ? _pointwise.Tiles : last * _width / Conv2DKernel.PixelsPerTile;
            if (_pointwiseRun is null)
            {
                _pointwise.Run(local, firstTile * panels, lastTile * panels);
                continue;
            }
            // A last tile that the image does not fill goes the general way: with fewer than four pixels its sums run in another order.
            int whole = Math.Min(lastTile, _wholeTiles);
            _pointwiseRun.Run(local, firstTile * Conv2DKernel.PixelsPerTile, whole * Conv2DKernel.PixelsPerTile);
            if (whole < lastTile) _pointwise.Run(local, whole * panels, lastTile * panels);
        }
    }

    private static int Gcd(int a, int b) => b == 0 ? a : Gcd(b, a % b);
}
