using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using FaceMesh.Runtime.Graph;
using FaceMesh.Runtime.Model;

namespace FaceMesh.Runtime.Kernels;

/// <summary>
/// CONV_2D as an indirect GEMM: for a tile of 6 output pixels, a table points at the input pixel
/// under every filter tap (or at a zero row for padding), and a register-blocked micro-kernel
/// accumulates 6 pixels x two vectors of output channels (32 with AVX-512, 16 with AVX2) over
/// taps x input channels. Weights are packed at load into panels of that width
/// ([tap][in][width], zero-padded), so the inner loop is one broadcast per pixel and two vector
/// loads per input channel. Bias is the accumulators' initial
/// value; a residual block's shortcut (a fused ADD, see <see cref="ResidualFusion"/>) and
/// the activation are applied before the single store, so the block's sum never makes a separate
/// pass over memory.
/// </summary>
internal sealed unsafe class Conv2DKernel : Kernel, IFusesActivation, IFusesSpatialPad
{
    private const int TileRows = 6;
    private const int ScalarPanelWidth = 32;
    private const int MaxBorderFloats = 8192; // stack space for filter rows that cross the left/right edge

    private readonly int _input;
    private readonly int _output;
    private readonly ConvGeometry _g;
    private readonly int _inChannels;
    private readonly int _outChannels;
    private readonly int _depth;      // taps * input channels: the GEMM's K
    private readonly int _segments;   // contiguous input runs per output pixel: filter rows, or single taps
    private readonly int _segmentLength;
    private readonly bool _pointwise;  // 1x1, stride 1, no padding: pixel p of the output reads pixel p of the input
    private readonly int _panels;
    private readonly int _tiles;
    private readonly AlignedFloats _weights;
    private readonly AlignedFloats _bias;
    private readonly AlignedFloats _zeros;
    private readonly ConvEpilogue _epilogue;
    private readonly ConvResidual _residual;
    private readonly VectorIsa _isa;
    private readonly int _lanes;       // floats per vector (1 on the scalar path)
    private readonly int _panelWidth;  // output channels per packed panel: two vectors
    private readonly PointwiseRun? _channelPairs; // 1x1 layers to few outputs: whole tiles with full vectors

    private Conv2DKernel(int input, int output, ConvGeometry geometry, int inChannels, int outChannels,
        float[] filter, float[]? bias, ConvEpilogue epilogue, VectorIsa isa) : base("Conv2D")
    {
        _input = input;
        _output = output;
        _g = geometry;
        _inChannels = inChannels;
        _outChannels = outChannels;
        _depth = geometry.Taps * inChannels;
        // With unit horizontal dilation a filter row covers KernelWidth neighbouring pixels, which
        // NHWC stores contiguously in the packed weights' order: one long run instead of KernelWidth
        // short ones keeps few-channel convolutions (the RGB input layer) out of loop overhead.
        bool rowSegments = geometry.DilationWidth == 1 && TileRows * geometry.KernelHeight * geometry.KernelWidth * inChannels <= MaxBorderFloats;
        _segments = rowSegments ? geometry.KernelHeight : geometry.Taps;
        _segmentLength = rowSegments ? geometry.KernelWidth * inChannels : inChannels;
        _pointwise = IsPointwiseGeometry(geometry);
        _isa = isa;
        _lanes = SimdSupport.Lanes(isa);
        _panelWidth = isa == VectorIsa.Scalar ? ScalarPanelWidth : 2 * _lanes;
        _panels = (outChannels + _panelWidth - 1) / _panelWidth;
        _tiles = (geometry.OutputPixels + TileRows - 1) / TileRows;
        _epilogue = epilogue;
        _weights = PackWeights(filter, outChannels, _depth, _panels, _panelWidth, _lanes);
        _bias = new AlignedFloats(_panels * _panelWidth);
        if (bias is not null) bias.AsSpan(0, outChannels).CopyTo(_bias.AsSpan());
        _zeros = new AlignedFloats(_segmentLength);
        _channelPairs = ChannelPairsFor();
    }

    private PointwiseRun? ChannelPairsFor() => _pointwise && PointwiseRun.PairsChannels(Layout) ? new PointwiseRun(Layout) : null;

    private static bool IsPointwiseGeometry(ConvGeometry g) =>
        g is { KernelHeight: 1, KernelWidth: 1, StrideHeight: 1, StrideWidth: 1, PadTop: 0, PadLeft: 0 } && g.InputWidth == g.OutputWidth
        && g.InputHeight == g.OutputHeight;

    public override int WorkUnits => _tiles * _panels;

    public int OutputChannels => _outChannels;

    public int InputTensor => _input;

    /// <summary>1x1, stride 1, unpadded: output pixel p depends on input pixel p alone.</summary>
    public bool IsPointwise => _pointwise;

    /// <summary>Output pixels per tile; work unit u covers tile u / <see cref="Panels"/>.</summary>
    public const int PixelsPerTile = TileRows;

    public int Tiles => _tiles;
    public int Panels => _panels;

    /// <summary>The packed weights and the rest a 1x1 kernel elsewhere needs to compute exactly what <see cref="Run"/> computes.</summary>
    internal PointwiseLayout Layout => new(_input, _output, _inChannels, _outChannels, _panelWidth, _lanes, _weights, _bias, _epilogue, _residual, _isa);

    public override long Cost => (long)_g.OutputPixels * _outChannels * _depth;

    public override string Describe() => _g.Describe(_inChannels, _outChannels) + _residual.Describe(_outChannels);

    /// <summary>
    /// The kernel for a validated Conv2D: a dedicated one where the shape has one
    /// (<see cref="SinglePixelConv2DKernel"/>, <see cref="RgbConv2DKernel"/>), else this general one.
    /// </summary>
    /// <param name="specialised">False always builds the general kernel (tests compare the two).</param>
    public static Kernel Create(KernelBuildContext context, bool specialised = true)
    {
        context.RequireArity(2, 3, 1);
        var options = context.Options<Conv2DOptions>();
        context.ExpectInputRank(0, 4);
        context.ExpectBatchOne(0);
        context.ExpectInputRank(1, 4);
        IReadOnlyList<int> inShape = context.InputShape(0), filterShape = context.InputShape(1);
        int outChannels = filterShape[0], inChannels = inShape[3];
        if (filterShape[3] != inChannels)
            throw context.Unsupported($"filter '{context.Input(1).Name}' {ShapeMath.Format(filterShape)} has {filterShape[3]} input channels, the input has {inChannels} (grouped convolution is not supported)");
        var geometry = ConvGeometry.Create(context, options.Padding, inShape[1], inShape[2], filterShape[1], filterShape[2],
            options.StrideH, options.StrideW, options.DilationH, options.DilationW);
        float[]? bias = null;
        if (context.InputCount == 3 && context.InputTensor(2) >= 0)
        {
            if (ShapeMath.ElementCount(context.InputShape(2)) != outChannels)
                throw context.Format($"bias '{context.Input(2).Name}' {ShapeMath.Format(context.InputShape(2))} does not have {outChannels} elements");
            bias = context.ConstantFloats(2);
        }
        float[] filter = context.ConstantFloats(1);
        var activation = ActivationRange.From(options.Activation, context);
        context.ExpectOutputShape(0, [1, geometry.OutputHeight, geometry.OutputWidth, outChannels]);
        int input = context.ArenaInput(0);
        int output = context.ArenaOutput(0);
        var epilogue = new ConvEpilogue(activation, null);
        if (specialised)
        {
            if (SinglePixelConv2DKernel.TryCreate(context, input, output, geometry, inChannels, outChannels, filter, bias, epilogue) is { } singlePixel)
                return singlePixel;
            if (RgbConv2DKernel.TryCreate(context.Isa, input, output, geometry, inChannels, outChannels, filter, bias, epilogue) is { } rgb)
                return rgb;
        }
        return new Conv2DKernel(input, output, geometry, inChannels, outChannels, filter, bias, epilogue, context.Isa);
    }

    public Kernel? FuseActivation(ActivationRange clamp, float[]? slopes, int output)
    {
        if (!_epilogue.IsIdentity || slopes is not null && slopes.Length != _outChannels) return null;
        return new Conv2DKernel(this, new ConvEpilogue(clamp, slopes), _residual, output);
    }

    /// <summary>
    /// The same convolution writing <paramref name="output"/> = its result + the shortcut tensor
    /// <paramref name="shortcut"/> (<paramref name="shortcutChannels"/> floats per output pixel,
    /// the rest of the channels zero), or null when an activation or another shortcut is already
    /// fused: the sum must come before the activation.
    /// </summary>
    public Conv2DKernel? FuseResidual(int shortcut, int shortcutChannels, int output)
    {
        if (!_epilogue.IsIdentity || _residual.IsPresent || shortcutChannels < 1 || shortcutChannels > _outChannels) return null;
        return new Conv2DKernel(this, _epilogue, new ConvResidual(shortcut, shortcutChannels), output);
    }

    public Kernel? ReadUnpadded(int input, int height, int width, int top, int left) =>
        new Conv2DKernel(this, _epilogue, _residual, _output, input, _g.ReadingUnpadded(height, width, top, left));

    private Conv2DKernel(Conv2DKernel source, ConvEpilogue epilogue, ConvResidual residual, int output)
        : this(source, epilogue, residual, output, source._input, source._g)
    {
    }

    private Conv2DKernel(Conv2DKernel source, ConvEpilogue epilogue, ConvResidual residual, int output, int input, ConvGeometry geometry)
        : base(source.OpName)
    {
        _input = input;
        _output = output;
        _g = geometry;
        _inChannels = source._inChannels;
        _outChannels = source._outChannels;
        _depth = source._depth;
        _segments = source._segments;
        _segmentLength = source._segmentLength;
        _pointwise = IsPointwiseGeometry(geometry);
        _panels = source._panels;
        _tiles = source._tiles;
        _weights = source._weights;
        _bias = source._bias;
        _zeros = source._zeros;
        _isa = source._isa;
        _lanes = source._lanes;
        _panelWidth = source._panelWidth;
        _epilogue = epilogue;
        _residual = residual;
        _channelPairs = ChannelPairsFor();
    }


    private static AlignedFloats PackWeights(float[] filter, int outChannels, int depth, int panels, int panelWidth, int lanes)
    {
        var packed = new AlignedFloats(panels * depth * panelWidth);
        Span<float> target = packed.AsSpan();
        for (int panel = 0; panel < panels; panel++)
        {
            int width = PanelWidthOf(panel, outChannels, panelWidth, lanes);
            int baseIndex = panel * depth * panelWidth;
            for (int k = 0; k < depth; k++)
            {
                for (int j = 0; j < width; j++)
                {
                    int channel = panel * panelWidth + j;
                    target[baseIndex + k * width + j] = channel < outChannels ? filter[(long)channel * depth + k] : 0f;
                }
            }
        }
        return packed;
    }

    /// <summary>Packed width of a panel: two vectors, or one for a last panel that fits in one.</summary>
    private static int PanelWidthOf(int panel, int outChannels, int panelWidth, int lanes)
    {
        int remaining = outChannels - panel * panelWidth;
        return Math.Min(panelWidth, (remaining + lanes - 1) / lanes * lanes);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Run(in TensorMap tensors, int begin, int end)
    {
        if (_channelPairs is not null)
        {
            // One panel, so work units are tiles. A last tile the image does not fill goes the
            // general way: with fewer than four pixels its sums run in another order.
            int whole = Math.Min(end, _g.OutputPixels / TileRows);
            if (begin < whole) _channelPairs.Run(tensors, begin * TileRows, whole * TileRows);
            begin = Math.Max(begin, whole);
            if (begin >= end) return;
        }
        // Separate instantiations with and without a shortcut, so the stores of convolutions
        // without one carry no test for it.
        if (_residual.IsPresent) Run<WithResidual>(tensors, begin, end);
        else Run<NoResidual>(tensors, begin, end);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Run<TResidual>(in TensorMap tensors, int begin, int end) where TResidual : struct, IResidualMode
    {
        // The activation is a type argument as well: a tile stores twelve vectors, and testing
        // the epilogue's flags at each store (with its constants spilled) was a tenth of a 1x1 layer.
        if (_epilogue.Scales)
        {
            if (_epilogue.Clamps) Run<TResidual, SlopesThenClamp>(tensors, begin, end);
            else Run<TResidual, SlopesOnly>(tensors, begin, end);
        }
        else if (_epilogue.Clamps) Run<TResidual, ClampOnly>(tensors, begin, end);
        else Run<TResidual, NoActivation>(tensors, begin, end);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Run<TResidual, TActivation>(in TensorMap tensors, int begin, int end)
        where TResidual : struct, IResidualMode where TActivation : struct, IActivationMode
    {
        switch (_isa)
        {
            case VectorIsa.Vector512: Run<Vector512<float>, TResidual, TActivation>(tensors, begin, end); break;
            case VectorIsa.Vector256: Run<Vector256<float>, TResidual, TActivation>(tensors, begin, end); break;
            default: Run<float, TResidual, TActivation>(tensors, begin, end); break;
        }
    }

    /// <summary>Runs work units [begin, end); <typeparamref name="T"/> is the vector type, or float for the scalar path.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Run<T, TResidual, TActivation>(in TensorMap tensors, int begin, int end)
        where T : struct where TResidual : struct, IResidualMode where TActivation : struct, IActivationMode
    {
        if (begin >= end) return;
        float* input = tensors[_input];
        float* output = tensors[_output];
        float* residual = TResidual.Adds ? tensors[_residual.Tensor] : null;
        float** rows = stackalloc float*[_segments * TileRows];
        float** outs = stackalloc float*[TileRows];
        float** shortcuts = stackalloc float*[TResidual.Adds ? TileRows : 0];
        float* border = stackalloc float[_segments == _g.Taps ? 0 : TileRows * _segments * _segmentLength];
        float* scratch = stackalloc float[_panels * _panelWidth]; // a whole output row: rows past the end are written here
        int panels = _panels, lanes = typeof(T) == typeof(float) ? 1 : VectorOps.Count<T>();
        int tile = begin / panels, panel = begin - tile * panels;
        int valid = BuildTile(tile, input, output, residual, rows, outs, shortcuts, scratch, border);

        for (int unit = begin; unit < end; unit++, panel++)
        {
            if (panel == panels)
            {
                panel = 0;
                valid = BuildTile(++tile, input, output, residual, rows, outs, shortcuts, scratch, border);
            }
            int column = panel * _panelWidth;
            int width = Math.Min(_panelWidth, _outChannels - column);
            // lanes is a JIT-time constant here, so this rounds with shifts rather than a division.
            int packedWidth = Math.Min(_panelWidth, (width + lanes - 1) / lanes * lanes);
            float* weights = _weights.Pointer + (long)panel * _depth * _panelWidth;
            float* bias = _bias.Pointer + column;

            if (typeof(T) == typeof(float))
            {
                for (int r = 0; r < valid; r++) TileScalar<TResidual>(rows + r, outs[r] + column, shortcuts + r, weights, bias, column, packedWidth, width);
            }
            else if (valid >= 4)
            {
                if (packedWidth == _panelWidth) TileSixByTwo<T, TResidual, TActivation>(rows, outs, shortcuts, weights, bias, column, width);
                else TileSixByOne<T, TResidual, TActivation>(rows, outs, shortcuts, weights, bias, column, width);
            }
            else
            {
                for (int r = 0; r < valid; r++)
                {
                    if (packedWidth == _panelWidth) TileOneByTwo<T, TResidual, TActivation>(rows + r, outs[r] + column, shortcuts + r, weights, bias, column, width);
                    else TileOneByOne<T, TResidual, TActivation>(rows + r, outs[r] + column, shortcuts + r, weights, bias, column, width);
                }
            }
        }
    }

    /// <summary>
    /// Fills the indirection table for a tile: per segment and pixel, where its input run starts.
    /// Runs above or below the image read zeros; a filter row that crosses the left or right edge
    /// is assembled in <paramref name="border"/> with zeros outside. Rows past the end repeat the
    /// last pixel and write to scratch. With a fused residual, <paramref name="shortcuts"/> gets
    /// each pixel's shortcut row (the last pixel's for rows past the end, whose sums go to scratch).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int BuildTile(int tile, float* input, float* output, float* residual, float** rows, float** outs, float** shortcuts,
        float* scratch, float* border)
    {
        int first = tile * TileRows;
        int valid = Math.Min(TileRows, _g.OutputPixels - first);
        int cin = _inChannels, kw = _g.KernelWidth;
        if (residual is not null)
        {
            for (int r = 0; r < TileRows; r++) shortcuts[r] = residual + (long)(first + Math.Min(r, valid - 1)) * _residual.Channels;
        }
        if (_pointwise)
        {
            // Narrow 1x1 layers do little arithmetic per tile, so the general table walk would dominate.
            for (int r = 0; r < TileRows; r++)
            {
                int pixel = first + Math.Min(r, valid - 1);
                rows[r] = input + (long)pixel * cin;
                outs[r] = r < valid ? output + (long)pixel * _outChannels : scratch;
            }
            return valid;
        }
        bool rowSegments = _segments != _g.Taps;
        // One division per tile; later pixels step along the row (narrow layers are short on work per tile).
        int oy = first / _g.OutputWidth, ox = first - oy * _g.OutputWidth;
        if (rowSegments && valid == TileRows && TryBuildInteriorTile(input, output, rows, outs, first, oy, ox)) return valid;
        for (int r = 0; r < TileRows; r++)
        {
            if (r > 0 && r < valid && ++ox == _g.OutputWidth)
            {
                ox = 0;
                oy++;
            }
            outs[r] = r < valid ? output + (long)(first + r) * _outChannels : scratch;
            int iy0 = oy * _g.StrideHeight - _g.PadTop, ix0 = ox * _g.StrideWidth - _g.PadLeft;
            for (int ky = 0; ky < _g.KernelHeight; ky++)
            {
                int iy = iy0 + ky * _g.DilationHeight;
                bool rowInside = (uint)iy < (uint)_g.InputHeight;
                float* inputRow = input + (long)iy * _g.InputWidth * cin;
                if (rowSegments)
                {
                    float* run;
                    if (!rowInside) run = _zeros.Pointer;
                    else if (ix0 >= 0 && ix0 + kw <= _g.InputWidth) run = inputRow + (long)ix0 * cin;
                    else run = AssembleBorderRun(inputRow, ix0, border + (long)(ky * TileRows + r) * _segmentLength);
                    rows[ky * TileRows + r] = run;
                    continue;
                }
                for (int kx = 0; kx < kw; kx++)
                {
                    int ix = ix0 + kx * _g.DilationWidth;
                    bool inside = rowInside && (uint)ix < (uint)_g.InputWidth;
                    rows[(ky * kw + kx) * TileRows + r] = inside ? inputRow + (long)ix * cin : _zeros.Pointer;
                }
            }
        }
        return valid;
    }

    /// <summary>
    /// The table of a tile whose pixels share one output row and whose filter rows all lie inside
    /// the image (most tiles of a large layer): every run is the first one plus fixed row and
    /// pixel steps, with none of the per-tap edge tests. The RGB input layer, with only 27
    /// multiply-adds per pixel and channel block, spent as long building tables as computing.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool TryBuildInteriorTile(float* input, float* output, float** rows, float** outs, int first, int oy, int ox)
    {
        int iy0 = oy * _g.StrideHeight - _g.PadTop, ix0 = ox * _g.StrideWidth - _g.PadLeft;
        int lastX = ix0 + (TileRows - 1) * _g.StrideWidth + _g.KernelWidth;
        int lastY = iy0 + (_g.KernelHeight - 1) * _g.DilationHeight;
        if (ox + TileRows > _g.OutputWidth || iy0 < 0 || ix0 < 0 || lastY >= _g.InputHeight || lastX > _g.InputWidth) return false;
        long pixelStep = (long)_g.StrideWidth * _inChannels, rowStep = (long)_g.DilationHeight * _g.InputWidth * _inChannels;
        float* run = input + ((long)iy0 * _g.InputWidth + ix0) * _inChannels;
        for (int ky = 0; ky < _g.KernelHeight; ky++, run += rowStep)
        {
            float** segment = rows + ky * TileRows;
            for (int r = 0; r < TileRows; r++) segment[r] = run + r * pixelStep;
        }
        float* destination = output + (long)first * _outChannels;
        for (int r = 0; r < TileRows; r++) outs[r] = destination + (long)r * _outChannels;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private float* AssembleBorderRun(float* inputRow, int ix0, float* run)
    {
        int cin = _inChannels;
        for (int kx = 0; kx < _g.KernelWidth; kx++)
        {
            int ix = ix0 + kx;
            var target = new Span<float>(run + kx * cin, cin);
            if ((uint)ix < (uint)_g.InputWidth) new ReadOnlySpan<float>(inputRow + (long)ix * cin, cin).CopyTo(target);
            else target.Clear();
        }
        return run;
    }

    /// <summary>6 pixels x 2 vectors of output channels: 12 accumulators, two weight vectors and a broadcast fit the 16 AVX2 registers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void TileSixByTwo<T, TResidual, TActivation>(float** rows, float** outs, float** shortcuts, float* w, float* bias, int column, int width)
        where T : struct where TResidual : struct, IResidualMode where TActivation : struct, IActivationMode
    {
        int taps = _segments, cin = _segmentLength, lanes = VectorOps.Count<T>();
        T b0 = VectorOps.Load<T>(bias), b1 = VectorOps.Load<T>(bias + lanes);
        T c00 = b0, c01 = b1, c10 = b0, c11 = b1, c20 = b0, c21 = b1;
        T c30 = b0, c31 = b1, c40 = b0, c41 = b1, c50 = b0, c51 = b1;
        for (int t = 0; t < taps; t++, rows += TileRows)
        {
            float* a0 = rows[0], a1 = rows[1], a2 = rows[2], a3 = rows[3], a4 = rows[4], a5 = rows[5];
            for (int k = 0; k < cin; k++, w += 2 * lanes)
            {
                T w0 = VectorOps.Load<T>(w), w1 = VectorOps.Load<T>(w + lanes);
                T x = VectorOps.Broadcast<T>(a0[k]);
                c00 = VectorOps.MultiplyAdd(x, w0, c00); c01 = VectorOps.MultiplyAdd(x, w1, c01);
                x = VectorOps.Broadcast<T>(a1[k]);
                c10 = VectorOps.MultiplyAdd(x, w0, c10); c11 = VectorOps.MultiplyAdd(x, w1, c11);
                x = VectorOps.Broadcast<T>(a2[k]);
                c20 = VectorOps.MultiplyAdd(x, w0, c20); c21 = VectorOps.MultiplyAdd(x, w1, c21);
                x = VectorOps.Broadcast<T>(a3[k]);
                c30 = VectorOps.MultiplyAdd(x, w0, c30); c31 = VectorOps.MultiplyAdd(x, w1, c31);
                x = VectorOps.Broadcast<T>(a4[k]);
                c40 = VectorOps.MultiplyAdd(x, w0, c40); c41 = VectorOps.MultiplyAdd(x, w1, c41);
                x = VectorOps.Broadcast<T>(a5[k]);
                c50 = VectorOps.MultiplyAdd(x, w0, c50); c51 = VectorOps.MultiplyAdd(x, w1, c51);
            }
        }
        int high = column + lanes;
        var low = new ChannelStore<T, TResidual, TActivation>(this, column, lanes);
        var upper = new ChannelStore<T, TResidual, TActivation>(this, high, width - lanes);
        low.Store(outs[0] + column, shortcuts, c00); upper.Store(outs[0] + high, shortcuts, c01);
        low.Store(outs[1] + column, shortcuts + 1, c10); upper.Store(outs[1] + high, shortcuts + 1, c11);
        low.Store(outs[2] + column, shortcuts + 2, c20); upper.Store(outs[2] + high, shortcuts + 2, c21);
        low.Store(outs[3] + column, shortcuts + 3, c30); upper.Store(outs[3] + high, shortcuts + 3, c31);
        low.Store(outs[4] + column, shortcuts + 4, c40); upper.Store(outs[4] + high, shortcuts + 4, c41);
        low.Store(outs[5] + column, shortcuts + 5, c50); upper.Store(outs[5] + high, shortcuts + 5, c51);
    }

    /// <summary>
    /// 6 pixels x 1 vector. Even and odd input channels accumulate separately: 12 independent
    /// chains instead of 6, enough to cover FMA latency on narrow layers (16 or fewer outputs).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void TileSixByOne<T, TResidual, TActivation>(float** rows, float** outs, float** shortcuts, float* w, float* bias, int column, int width)
        where T : struct where TResidual : struct, IResidualMode where TActivation : struct, IActivationMode
    {
        int taps = _segments, cin = _segmentLength, lanes = VectorOps.Count<T>();
        T b0 = VectorOps.Load<T>(bias), z = VectorOps.Zero<T>();
        T c0 = b0, c1 = b0, c2 = b0, c3 = b0, c4 = b0, c5 = b0;
        T d0 = z, d1 = z, d2 = z, d3 = z, d4 = z, d5 = z;
        for (int t = 0; t < taps; t++, rows += TileRows)
        {
            float* a0 = rows[0], a1 = rows[1], a2 = rows[2], a3 = rows[3], a4 = rows[4], a5 = rows[5];
            int k = 0;
            for (; k + 1 < cin; k += 2, w += 2 * lanes)
            {
                T w0 = VectorOps.Load<T>(w), w1 = VectorOps.Load<T>(w + lanes);
                c0 = VectorOps.MultiplyAdd(VectorOps.Broadcast<T>(a0[k]), w0, c0);
                c1 = VectorOps.MultiplyAdd(VectorOps.Broadcast<T>(a1[k]), w0, c1);
                c2 = VectorOps.MultiplyAdd(VectorOps.Broadcast<T>(a2[k]), w0, c2);
                c3 = VectorOps.MultiplyAdd(VectorOps.Broadcast<T>(a3[k]), w0, c3);
                c4 = VectorOps.MultiplyAdd(VectorOps.Broadcast<T>(a4[k]), w0, c4);
                c5 = VectorOps.MultiplyAdd(VectorOps.Broadcast<T>(a5[k]), w0, c5);
                d0 = VectorOps.MultiplyAdd(VectorOps.Broadcast<T>(a0[k + 1]), w1, d0);
                d1 = VectorOps.MultiplyAdd(VectorOps.Broadcast<T>(a1[k + 1]), w1, d1);
                d2 = VectorOps.MultiplyAdd(VectorOps.Broadcast<T>(a2[k + 1]), w1, d2);
                d3 = VectorOps.MultiplyAdd(VectorOps.Broadcast<T>(a3[k + 1]), w1, d3);
                d4 = VectorOps.MultiplyAdd(VectorOps.Broadcast<T>(a4[k + 1]), w1, d4);
                d5 = VectorOps.MultiplyAdd(VectorOps.Broadcast<T>(a5[k + 1]), w1, d5);
            }
            if (k < cin)
            {
                T w0 = VectorOps.Load<T>(w);
                c0 = VectorOps.MultiplyAdd(VectorOps.Broadcast<T>(a0[k]), w0, c0);
                c1 = VectorOps.MultiplyAdd(VectorOps.Broadcast<T>(a1[k]), w0, c1);
                c2 = VectorOps.MultiplyAdd(VectorOps.Broadcast<T>(a2[k]), w0, c2);
                c3 = VectorOps.MultiplyAdd(VectorOps.Broadcast<T>(a3[k]), w0, c3);
                c4 = VectorOps.MultiplyAdd(VectorOps.Broadcast<T>(a4[k]), w0, c4);
                c5 = VectorOps.MultiplyAdd(VectorOps.Broadcast<T>(a5[k]), w0, c5);
                w += lanes;
            }
        }
        var block = new ChannelStore<T, TResidual, TActivation>(this, column, width);
        block.Store(outs[0] + column, shortcuts, VectorOps.Add(c0, d0));
        block.Store(outs[1] + column, shortcuts + 1, VectorOps.Add(c1, d1));
        block.Store(outs[2] + column, shortcuts + 2, VectorOps.Add(c2, d2));
        block.Store(outs[3] + column, shortcuts + 3, VectorOps.Add(c3, d3));
        block.Store(outs[4] + column, shortcuts + 4, VectorOps.Add(c4, d4));
        block.Store(outs[5] + column, shortcuts + 5, VectorOps.Add(c5, d5));
    }

    /// <summary>One pixel x 2 vectors; even and odd input channels use separate accumulators to hide FMA latency.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void TileOneByTwo<T, TResidual, TActivation>(float** rows, float* destination, float** shortcut, float* w, float* bias, int column, int width)
        where T : struct where TResidual : struct, IResidualMode where TActivation : struct, IActivationMode
    {
        int taps = _segments, cin = _segmentLength, lanes = VectorOps.Count<T>();
        T c0 = VectorOps.Load<T>(bias), c1 = VectorOps.Load<T>(bias + lanes);
        T d0 = VectorOps.Zero<T>(), d1 = VectorOps.Zero<T>();
        for (int t = 0; t < taps; t++, rows += TileRows)
        {
            float* a = rows[0];
            int k = 0;
            for (; k + 1 < cin; k += 2, w += 4 * lanes)
            {
                T x = VectorOps.Broadcast<T>(a[k]);
                c0 = VectorOps.MultiplyAdd(x, VectorOps.Load<T>(w), c0);
                c1 = VectorOps.MultiplyAdd(x, VectorOps.Load<T>(w + lanes), c1);
                T y = VectorOps.Broadcast<T>(a[k + 1]);
                d0 = VectorOps.MultiplyAdd(y, VectorOps.Load<T>(w + 2 * lanes), d0);
                d1 = VectorOps.MultiplyAdd(y, VectorOps.Load<T>(w + 3 * lanes), d1);
            }
            if (k < cin)
            {
                T x = VectorOps.Broadcast<T>(a[k]);
                c0 = VectorOps.MultiplyAdd(x, VectorOps.Load<T>(w), c0);
                c1 = VectorOps.MultiplyAdd(x, VectorOps.Load<T>(w + lanes), c1);
                w += 2 * lanes;
            }
        }
        new ChannelStore<T, TResidual, TActivation>(this, column, lanes).Store(destination, shortcut, VectorOps.Add(c0, d0));
        new ChannelStore<T, TResidual, TActivation>(this, column + lanes, width - lanes).Store(destination + lanes, shortcut, VectorOps.Add(c1, d1));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void TileOneByOne<T, TResidual, TActivation>(float** rows, float* destination, float** shortcut, float* w, float* bias, int column, int width)
        where T : struct where TResidual : struct, IResidualMode where TActivation : struct, IActivationMode
    {
        int taps = _segments, cin = _segmentLength, lanes = VectorOps.Count<T>();
        T c0 = VectorOps.Load<T>(bias), d0 = VectorOps.Zero<T>();
        for (int t = 0; t < taps; t++, rows += TileRows)
        {
            float* a = rows[0];
            int k = 0;
            for (; k + 1 < cin; k += 2, w += 2 * lanes)
            {
                c0 = VectorOps.MultiplyAdd(VectorOps.Broadcast<T>(a[k]), VectorOps.Load<T>(w), c0);
                d0 = VectorOps.MultiplyAdd(VectorOps.Broadcast<T>(a[k + 1]), VectorOps.Load<T>(w + lanes), d0);
            }
            if (k < cin)
            {
                c0 = VectorOps.MultiplyAdd(VectorOps.Broadcast<T>(a[k]), VectorOps.Load<T>(w), c0);
                w += lanes;
            }
        }
        new ChannelStore<T, TResidual, TActivation>(this, column, width).Store(destination, shortcut, VectorOps.Add(c0, d0));
    }

    /// <summary>Portable path over the same packed weights; one pixel at a time.</summary>
    private void TileScalar<TResidual>(float** rows, float* destination, float** shortcut, float* w, float* bias, int column, int packedWidth, int width)
        where TResidual : struct, IResidualMode
    {
        float* acc = stackalloc float[ScalarPanelWidth];
        for (int j = 0; j < packedWidth; j++) acc[j] = bias[j];
        int taps = _segments, cin = _segmentLength;
        for (int t = 0; t < taps; t++)
        {
            float* a = rows[t * TileRows];
            for (int k = 0; k < cin; k++, w += packedWidth)
            {
                float x = a[k];
                for (int j = 0; j < packedWidth; j++) acc[j] += x * w[j];
            }
        }
        if (TResidual.Adds)
        {
            for (int j = 0; j < width; j++) acc[j] = _residual.AddTo(acc[j], *shortcut, column + j);
        }
        for (int j = 0; j < width; j++) destination[j] = _epilogue.Apply(acc[j], column + j);
    }

    /// <summary>
    /// How a tile stores one block of channels for each of its pixels: plus the fused shortcut
    /// (when <typeparamref name="TResidual"/> says so; the test folds away at JIT time), then
    /// the activation. Per-channel parts are loaded once per tile, not once per pixel.
    /// </summary>
    private readonly struct ChannelStore<T, TResidual, TActivation>
        where T : struct where TResidual : struct, IResidualMode where TActivation : struct, IActivationMode
    {
        private readonly ConvResidual.Block _residual;
        private readonly ConvEpilogue.Block<T> _epilogue;
        private readonly int _count;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public ChannelStore(Conv2DKernel kernel, int channel, int count)
        {
            _residual = TResidual.Adds ? kernel._residual.At(channel, count) : default;
            _epilogue = kernel._epilogue.At<T>(channel);
            _count = count;
        }

        /// <summary>Stores the block's channels of one pixel (nothing when the block is empty).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Store(float* destination, float** shortcut, T value)
        {
            if (_count <= 0) return;
            if (TResidual.Adds) value = _residual.AddTo(value, *shortcut);
            VectorOps.StoreFirst(destination, _epilogue.Finish<TActivation>(value), _count);
        }
    }
}
