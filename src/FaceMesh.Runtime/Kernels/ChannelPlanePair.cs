using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using FaceMesh.Runtime.Graph;

namespace FaceMesh.Runtime.Kernels;

/// <summary>
/// The AVX-512 path of <see cref="DepthwisePointwiseKernel"/> for wide, few-channel blocks (the
/// short-range detector's 64x64 and 32x32 ones and its first two stride-2 blocks): with channels in
/// lanes, 24 to 42 channels leave up to half of their last vector empty, in the depthwise half and
/// in the 1x1 half alike. Here pixels are in lanes: the input is read as one
/// plane row per channel (<see cref="ChannelPlaneLayout"/>), as the step before hands it over
/// (<see cref="Graph.ChannelPlaneLinks"/>; turning NHWC rows into planes here cost more than
/// the lanes saved, so a pair whose input comes as NHWC keeps the NHWC kernels); the
/// depthwise half sweeps those planes four output rows at a time (<see cref="DepthwiseColumns"/>,
/// <see cref="DepthwiseColumnsStrideTwo"/>), and the 1x1 half multiplies a vector of 16 pixels
/// by one broadcast weight per output (<see cref="PointwiseTile8"/>), adds the shortcut (the
/// input's planes, or planes of its own), and writes planes or NHWC pixels
/// (<see cref="PixelLaneStore"/>). Every output is the chain the channels-in-lanes path
/// computes: depthwise from its bias, the taps row by row and left to right; 1x1 from its bias,
/// input channel by input channel in a two-vector panel, and even and odd input channels apart,
/// then added, in a last panel of 16 or fewer outputs (<see cref="PointwiseTileSplit"/>); then
/// the shortcut, then the activation. Taps outside the image
/// multiply a zero rather than being left out, which adds +0 or -0 to a sum that is never zero
/// in practice (a zero bias and all-zero inputs would be).
/// </summary>
internal sealed unsafe partial class ChannelPlanePair
{
    public const int BandRows = 4;
    private const int Lanes = 16;
    private const int TilePixels = 2 * Lanes;

    private readonly int _input;
    private readonly int _output;
    private readonly int _shortcut;               // the shortcut's tensor, or -1
    private readonly int _stride;                 // the depthwise layer's: 1 or 2
    private readonly int _inHeight;
    private readonly int _inWidth;
    private readonly int _height;
    private readonly int _width;
    private readonly int _cin;
    private readonly int _cout;
    private readonly int _shortcutChannels;       // 0 without a shortcut
    private readonly int _splitFrom;              // the first output summed as even and odd input channels apart; _cout if none
    private readonly AlignedFloats _depthwiseWeights; // [channel][tap]
    private readonly AlignedFloats _depthwiseBias;
    private readonly AlignedFloats _weights;      // [group of 8 (4 from _splitFrom on)][input channel][output in group]
    private readonly AlignedFloats _bias;         // zeros past _cout, up to a whole group of 4
    private readonly ConvEpilogue _epilogue;
    // Set only on the copy WithLayouts makes: the input is stored as ChannelPlaneLayout describes, a
    // shortcut of its own tensor too, and the output.
    private bool _readsPlanes;
    private bool _shortcutPlanes;
    private bool _writesPlanes;
    // Set only on the copy WithPooledShortcut makes: the shortcut is the 2x2 maximum of the input, taken in the depthwise sweep.
    private bool _poolsShortcut;
    private ActivationRange _poolClamp;

    public bool ReadsPlanes => _readsPlanes;
    public bool WritesPlanes => _writesPlanes;
    public bool ReadsShortcutPlanes => _shortcutPlanes;
    public int InputTensor => _input;
    public int OutputTensor => _output;

    /// <summary>The shortcut's tensor when it is not the depthwise input, else -1.</summary>
    public int SeparateShortcut => _shortcut >= 0 && _shortcut != _input ? _shortcut : -1;

    /// <summary>
    /// Whether this path can run as the layouts stand: once the graph hands the pair its input,
    /// and its own shortcut if it has one, as planes. Until then the NHWC kernels run it.
    /// </summary>
    public bool IsReady => _readsPlanes && (SeparateShortcut < 0 || _shortcutPlanes);

    /// <summary>Whether the shortcut is pooled from the input here rather than read from a tensor.</summary>
    public bool PoolsShortcut => _poolsShortcut;

    /// <summary>
    /// Whether a 2x2 stride-2 pool of this pair's input can be taken in its depthwise sweep: a
    /// stride-2 pair on planes whose own shortcut is that pool's output, with room for a second band.
    /// </summary>
    public bool CanPoolShortcut(int poolInput, int poolOutput) =>
        _stride == 2 && IsReady && poolInput == _input && poolOutput == SeparateShortcut && _shortcutChannels == _cin
        && 2 * BandFloats(_width, _cin) <= DepthwisePointwiseKernel.MaxStackBandFloats;

    /// <summary>
    /// The same pair computing its shortcut, the 2x2 maximum of its input clamped to
    /// <paramref name="clamp"/>, from the even and odd columns its stride-2 depthwise sweep splits
    /// anyway (the pool's step and its tensor go): the maxima in the pool's order, so the same bits.
    /// </summary>
    public ChannelPlanePair WithPooledShortcut(ActivationRange clamp)
    {
        var pair = (ChannelPlanePair)MemberwiseClone();
        pair._poolsShortcut = true;
        pair._poolClamp = clamp;
        return pair;
    }

    /// <summary>The same pair reading and writing the given layouts.</summary>
    public ChannelPlanePair WithLayouts(bool readsPlanes, bool shortcutPlanes, bool writesPlanes)
    {
        var pair = (ChannelPlanePair)MemberwiseClone();
        pair._readsPlanes = readsPlanes;
        pair._shortcutPlanes = shortcutPlanes;
        pair._writesPlanes = writesPlanes;
        return pair;
    }

    private ChannelPlanePair(DepthwiseConv2DKernel depthwise, in PointwiseLayout layout)
    {
        ConvGeometry g = depthwise.Geometry;
        _input = depthwise.InputTensor;
        _output = layout.Output;
        _shortcut = layout.Residual.IsPresent ? layout.Residual.Tensor : -1;
        _stride = g.StrideHeight;
        _inHeight = g.InputHeight;
        _inWidth = g.InputWidth;
        _height = g.OutputHeight;
        _width = g.OutputWidth;
        _cin = layout.InChannels;
        _cout = layout.OutChannels;
        _shortcutChannels = layout.Residual.IsPresent ? layout.Residual.Channels : 0;
        _epilogue = layout.Epilogue;
        _depthwiseWeights = new AlignedFloats(_cin * g.Taps);
        _depthwiseBias = new AlignedFloats(_cin);
        for (int c = 0; c < _cin; c++)
        {
            _depthwiseBias.AsSpan()[c] = depthwise.Bias(c);
            for (int tap = 0; tap < g.Taps; tap++) _depthwiseWeights.AsSpan()[c * g.Taps + tap] = depthwise.Weight(tap, c);
        }
        _splitFrom = SplitFrom(layout);
        int paddedOutputs = _splitFrom + (_cout - _splitFrom + SplitGroupOutputs - 1) / SplitGroupOutputs * SplitGroupOutputs;
        _weights = new AlignedFloats(_cin * paddedOutputs);
        _bias = new AlignedFloats(paddedOutputs);
        Span<float> weights = _weights.AsSpan();
        for (int group = 0; group < _cout; group += GroupWidth(group))
        {
            int width = GroupWidth(group);
            for (int k = 0; k < _cin; k++)
            {
                for (int j = 0; j < width && group + j < _cout; j++)
                    weights[group * _cin + k * width + j] = PackedWeight(layout, k, group + j);
            }
        }
        for (int o = 0; o < _cout; o++) _bias.AsSpan()[o] = layout.Bias.Pointer[o];
    }

    /// <summary>
    /// This path, or null where it does not apply or does not pay: only for the 512-bit path; a
    /// 3x3 depthwise layer with no activation of its own, stride 1 with 'same' padding or stride 2
    /// halving the image with no padding before it; a 1x1 layer of more than 16 outputs, a
    /// multiple of 4 in its two-vector panels and of 2 in a last one-vector panel; output rows a
    /// whole number of 32-pixel tiles, or of 16 pixels after a stride-2 layer (an even number of
    /// them, and of channels); and no last 1x1 tile of one to three pixels.
    /// </summary>
    public static ChannelPlanePair? TryCreate(DepthwiseConv2DKernel depthwise, in PointwiseLayout layout)
    {
        ConvGeometry g = depthwise.Geometry;
        if (layout.Isa != VectorIsa.Vector512 || depthwise.Isa != VectorIsa.Vector512) return null;
        if (g is not { KernelHeight: 3, KernelWidth: 3, DilationHeight: 1, DilationWidth: 1 } || g.StrideHeight != g.StrideWidth) return null;
        bool sameSize = g is { StrideHeight: 1, PadTop: 1, PadLeft: 1 } && g.OutputHeight == g.InputHeight && g.OutputWidth == g.InputWidth;
        bool halving = g is { StrideHeight: 2, PadTop: 0, PadLeft: 0 } && g.InputHeight == 2 * g.OutputHeight && g.InputWidth == 2 * g.OutputWidth;
        // Rows of 16 pixels (a tile spans two of them) only after a stride-2 depthwise layer, on an even count of rows and channels.
        bool narrow = halving && g.OutputWidth == Lanes && g.OutputHeight % 2 == 0 && depthwise.Channels % 2 == 0;
        if (!sameSize && !halving || g.OutputWidth % TilePixels != 0 && !narrow) return null;
        if (!depthwise.Epilogue.IsIdentity || layout.InChannels != depthwise.Channels) return null;
        if (layout.PanelWidth != 2 * Lanes || layout.OutChannels <= Lanes) return null;
        int splitFrom = SplitFrom(layout);
        if (splitFrom % 4 != 0 || (layout.OutChannels - splitFrom) % 2 != 0 || splitFrom < layout.OutChannels && layout.InChannels % 2 != 0) return null;
        if (layout.Residual.IsPresent && layout.Residual.Tensor == depthwise.InputTensor && layout.Residual.Channels != depthwise.Channels)
            return null;
        if (BandFloats(g.OutputWidth, layout.InChannels) > DepthwisePointwiseKernel.MaxStackBandFloats) return null;
        // A last 1x1 tile of one to three pixels sums in another order on the channels-in-lanes path; keep those layers there,
        // so that which path runs never changes a bit.
        if (g.OutputPixels % Conv2DKernel.PixelsPerTile is >= 1 and <= 3) return null;
        return new ChannelPlanePair(depthwise, layout);
    }

    /// <summary>
    /// The first output of a last 1x1 panel that fits in one vector, which the channels-in-lanes
    /// path sums as even and odd input channels apart and then adds (a panel of 16 or fewer outputs
    /// after whole two-vector panels); the layer's output count when there is none.
    /// </summary>
    private static int SplitFrom(in PointwiseLayout layout)
    {
        int column = (layout.Panels - 1) * layout.PanelWidth;
        return column > 0 && layout.OutChannels - column <= Lanes ? column : layout.OutChannels;
    }

    /// <summary>Outputs of the group that starts at <paramref name="group"/>: 8, 4 for a last in-order one, 4 in the split panel.</summary>
    private int GroupWidth(int group) => group >= _splitFrom ? SplitGroupOutputs : Math.Min(GroupOutputs, _splitFrom - group);

    /// <summary>Weight of input <paramref name="k"/> for output <paramref name="output"/>, from the channels-in-lanes panels.</summary>
    private static float PackedWeight(in PointwiseLayout layout, int k, int output)
    {
        int panel = output / layout.PanelWidth, column = panel * layout.PanelWidth;
        int packedWidth = Math.Min(layout.PanelWidth, (layout.OutChannels - column + Lanes - 1) / Lanes * Lanes);
        return layout.Weights.Pointer[(long)panel * layout.InChannels * layout.PanelWidth + k * packedWidth + output - column];
    }

    private static int PlaneStride(int width) => ChannelPlaneLayout.PlaneStride(width);

    private static int BandFloats(int width, int channels) => BandRows * width * channels;

    /// <summary>Output rows [<paramref name="begin"/>, <paramref name="end"/>), in bands of <see cref="BandRows"/> from <paramref name="begin"/>.</summary>
    public void Run(in TensorMap tensors, int begin, int end)
    {
        if (begin >= end) return;
        float* input = tensors[_input], output = tensors[_output];
        float* shortcut = SeparateShortcut >= 0 && !_poolsShortcut ? tensors[_shortcut] : null;
        bool clamps = _epilogue.Clamps;
        if (_epilogue.Scales)
        {
            if (clamps) Run<SlopesThenClamp>(input, output, shortcut, begin, end);
            else Run<SlopesOnly>(input, output, shortcut, begin, end);
        }
        else if (clamps) Run<ClampOnly>(input, output, shortcut, begin, end);
        else Run<NoActivation>(input, output, shortcut, begin, end);
    }

    private void Run<TActivation>(float* input, float* output, float* shortcut, int begin, int end) where TActivation : struct, IActivationMode
    {
        if (_writesPlanes)
        {
            ChannelPlaneLayout.ClearFrame(output, _height, _width, _cout, begin, end);
            Run<PlaneOutput, TActivation>(input, output, shortcut, begin, end);
        }
        else Run<PixelOutput, TActivation>(input, output, shortcut, begin, end);
    }

    private void Run<TOutput, TActivation>(float* input, float* output, float* shortcut, int begin, int end)
        where TOutput : struct, IPlaneOutput where TActivation : struct, IActivationMode
    {
        if (_shortcutChannels != 0) Run<TOutput, WithResidual, TActivation>(input, output, shortcut, begin, end);
        else Run<TOutput, NoResidual, TActivation>(input, output, shortcut, begin, end);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization), SkipLocalsInit]
    private void Run<TOutput, TResidual, TActivation>(float* input, float* output, float* shortcutTensor, int begin, int end)
        where TOutput : struct, IPlaneOutput where TResidual : struct, IResidualMode where TActivation : struct, IActivationMode
    {
        int inputRows = _stride == 1 ? BandRows + 2 : 2 * BandRows + 1;
        int width = _width, inStride = PlaneStride(_inWidth), stride = PlaneStride(width), bandPixels = BandRows * width;
        int outStep = TOutput.Step(_cout, width);
        // The band (and the pooled shortcut's, after it) is written before it is read: no zeroing.
        int bandFloats = BandFloats(width, _cin);
        float* stack = stackalloc float[(_poolsShortcut ? 2 : 1) * bandFloats + SimdSupport.CacheLineFloats];
        float* band = SimdSupport.CacheLineAligned(stack), pooled = _poolsShortcut ? band + bandFloats : null;
        int shortcutStride = _poolsShortcut ? bandPixels : stride;
        var clamp = new PoolClamp(_poolClamp);
        float** rows = stackalloc float*[inputRows];

        for (int y0 = begin; y0 < end; y0 += BandRows)
        {
            // The input rows under the band, from the row above it (stride 1) or from its first row's first (stride 2);
            // rows past the image (below it, or in a last band the image does not fill) read the zero row below it.
            int firstRow = _stride == 1 ? y0 - 1 : 2 * y0;
            for (int i = 0; i < inputRows; i++) rows[i] = ChannelPlaneLayout.Row(input, Math.Min(firstRow + i, _inHeight), _inWidth, _cin);
            if (width == Lanes)
            {
                // One 16-pixel column per row: two channels at a time keep eight chains going.
                for (int c = 0; c < _cin; c += 2)
                {
                    DepthwiseNarrowStrideTwo(rows, c * inStride, inStride, _depthwiseWeights.Pointer + c * 9, _depthwiseBias.Pointer + c,
                        band + (long)c * bandPixels, bandPixels, pooled is null ? null : pooled + (long)c * bandPixels, clamp);
                }
            }
            else
            {
                for (int c = 0; c < _cin; c++)
                {
                    float* w = _depthwiseWeights.Pointer + c * 9, destination = band + (long)c * bandPixels;
                    if (_stride == 1) DepthwiseColumns(rows, c * inStride, w, _depthwiseBias.Pointer[c], destination, width);
                    else DepthwiseColumnsStrideTwo(rows, c * inStride, w, _depthwiseBias.Pointer[c], destination, width,
                        pooled is null ? null : pooled + (long)c * bandPixels, clamp);
                }
            }

            int pixels = Math.Min(BandRows, _height - y0) * width;
            for (int p = 0; p < pixels; p += TilePixels)
            {
                // The tile's two 16-pixel halves: neighbours in one row, or two rows where rows are 16 pixels wide.
                int y = y0 + p / width, x = p % width, yUpper = y0 + (p + Lanes) / width, xUpper = (p + Lanes) % width;
                // The shortcut: the depthwise input's centre rows, the shortcut's own planes, or its band pooled from the input.
                float* shortcut = null, shortcutUpper = null;
                if (TResidual.Adds && pooled is not null)
                {
                    shortcut = pooled + p;
                    shortcutUpper = pooled + p + Lanes;
                }
                else if (TResidual.Adds)
                {
                    shortcut = shortcutTensor is null ? rows[1 + y - y0] + x : ChannelPlaneLayout.Row(shortcutTensor, y, width, _shortcutChannels) + x;
                    shortcutUpper = shortcutTensor is null ? rows[1 + yUpper - y0] + xUpper
                        : ChannelPlaneLayout.Row(shortcutTensor, yUpper, width, _shortcutChannels) + xUpper;
                }
                float* lower = TOutput.Row(output, y, width, _cout) + TOutput.PixelStep(x, outStep);
                float* upper = TOutput.Row(output, yUpper, width, _cout) + TOutput.PixelStep(xUpper, outStep);
                for (int group = 0; group < _cout; group += GroupWidth(group))
                {
                    float* w = _weights.Pointer + (long)group * _cin;
                    long channel = TOutput.ChannelStep(outStep) * group;
                    if (group >= _splitFrom)
                        PointwiseTileSplit<TOutput, TResidual, TActivation>(band + p, bandPixels, w, group, shortcut, shortcutUpper, shortcutStride, lower + channel, upper + channel);
                    else if (_splitFrom - group >= GroupOutputs)
                        PointwiseTile8<TOutput, TResidual, TActivation>(band + p, bandPixels, w, group, shortcut, shortcutUpper, shortcutStride, lower + channel, upper + channel);
                    else
                        PointwiseTile4<TOutput, TResidual, TActivation>(band + p, bandPixels, w, group, shortcut, shortcutUpper, shortcutStride, lower + channel, upper + channel);
                }
            }
        }
    }
}
