using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using FaceMesh.Runtime.Graph;
using FaceMesh.Runtime.Model;

namespace FaceMesh.Runtime.Kernels;

/// <summary>
/// DEPTHWISE_CONV_2D with depth multiplier 1, vectorised over channels (NHWC keeps a pixel's
/// channels contiguous). Weights are packed per tap with the channel count padded to the vector
/// width so every weight load is a full aligned vector; the last channel block uses masked input
/// loads and stores. Work units are output rows.
/// </summary>
internal sealed unsafe partial class DepthwiseConv2DKernel : Kernel, IFusesActivation, IFusesSpatialPad
{
    private readonly int _input;
    private readonly int _output;
    private readonly ConvGeometry _g;
    private readonly int _channels;
    private readonly int _paddedChannels;
    private readonly AlignedFloats _weights; // [tap][paddedChannels]
    private readonly AlignedFloats _bias;
    private readonly ConvEpilogue _epilogue;
    private readonly VectorIsa _isa;
    private readonly AlignedFloats? _zeroRow; // stands in for input rows above and below the image
    private readonly AlignedFloats? _pairedWeights; // 8 channels: taps and bias twice over, for two pixels per 512-bit vector

    private DepthwiseConv2DKernel(int input, int output, ConvGeometry geometry, int channels, float[] filter,
        float[]? bias, ConvEpilogue epilogue, VectorIsa isa) : base("DepthwiseConv2D")
    {
        _input = input;
        _output = output;
        _g = geometry;
        _channels = channels;
        _paddedChannels = SimdSupport.RoundUp(channels);
        _epilogue = epilogue;
        _isa = isa;
        _weights = new AlignedFloats(geometry.Taps * _paddedChannels);
        for (int tap = 0; tap < geometry.Taps; tap++)
            filter.AsSpan(tap * channels, channels).CopyTo(_weights.AsSpan().Slice(tap * _paddedChannels));
        _bias = new AlignedFloats(_paddedChannels);
        if (bias is not null) bias.AsSpan(0, channels).CopyTo(_bias.AsSpan());
        _zeroRow = new AlignedFloats(geometry.InputWidth * channels + SimdSupport.Width);
        _pairedWeights = channels == PairedChannels ? PairWeights(_weights, _bias, geometry.Taps, _paddedChannels) : null;
    }

    private DepthwiseConv2DKernel(DepthwiseConv2DKernel source, ConvEpilogue epilogue, int output)
        : this(source, epilogue, output, source._input, source._g)
    {
    }

    private DepthwiseConv2DKernel(DepthwiseConv2DKernel source, ConvEpilogue epilogue, int output, int input, ConvGeometry geometry)
        : base(source.OpName)
    {
        _input = input;
        _output = output;
        _g = geometry;
        _channels = source._channels;
        _paddedChannels = source._paddedChannels;
        _weights = source._weights;
        _bias = source._bias;
        _isa = source._isa;
        _pairedWeights = source._pairedWeights;
        _zeroRow = geometry.InputWidth == source._g.InputWidth ? source._zeroRow
            : new AlignedFloats(geometry.InputWidth * source._channels + SimdSupport.Width);
        _epilogue = epilogue;
    }

    public override int WorkUnits => _g.OutputHeight;

    public int OutputTensor => _output;
    public int InputTensor => _input;

    public Kernel? ReadUnpadded(int input, int height, int width, int top, int left) =>
        new DepthwiseConv2DKernel(this, _epilogue, _output, input, _g.ReadingUnpadded(height, width, top, left));
    public int OutputWidth => _g.OutputWidth;
    public int Channels => _channels;
    internal ConvGeometry Geometry => _g;
    internal VectorIsa Isa => _isa;
    internal ConvEpilogue Epilogue => _epilogue;

    /// <summary>Weight of <paramref name="tap"/> (filter row x width + column) for <paramref name="channel"/>.</summary>
    internal float Weight(int tap, int channel) => _weights.Pointer[tap * _paddedChannels + channel];

    internal float Bias(int channel) => _bias.Pointer[channel];

    public override long Cost => (long)_g.OutputPixels * _channels * _g.Taps;


    protected override int CostToConvolutionRatio => 2;

    public Kernel? FuseActivation(ActivationRange clamp, float[]? slopes, int output)
    {
        if (!_epilogue.IsIdentity || slopes is not null && slopes.Length != _channels) return null;
        return new DepthwiseConv2DKernel(this, new ConvEpilogue(clamp, slopes), output);
    }

    public override string Describe() => _g.Describe(_channels, _channels);

    public static Kernel Create(KernelBuildContext context)
    {
        context.RequireArity(2, 3, 1);
        var options = context.Options<DepthwiseConv2DOptions>();
        context.ExpectInputRank(0, 4);
        context.ExpectBatchOne(0);
        context.ExpectInputRank(1, 4);
        IReadOnlyList<int> inShape = context.InputShape(0), filterShape = context.InputShape(1);
        int channels = inShape[3];
        if (filterShape[0] != 1 || filterShape[3] != channels)
            throw context.Unsupported($"filter '{context.Input(1).Name}' {ShapeMath.Format(filterShape)} does not match {channels} channels with depth multiplier 1 (other multipliers are not supported)");
        if (options.DepthMultiplier != 1 && options.DepthMultiplier != 0)
            throw context.Unsupported($"depth multiplier {options.DepthMultiplier} is not supported");
        var geometry = ConvGeometry.Create(context, options.Padding, inShape[1], inShape[2], filterShape[1], filterShape[2],
            options.StrideH, options.StrideW, options.DilationH, options.DilationW);
        float[]? bias = null;
        if (context.InputCount == 3 && context.InputTensor(2) >= 0)
        {
            if (ShapeMath.ElementCount(context.InputShape(2)) != channels)
                throw context.Format($"bias '{context.Input(2).Name}' {ShapeMath.Format(context.InputShape(2))} does not have {channels} elements");
            bias = context.ConstantFloats(2);
        }
        float[] filter = context.ConstantFloats(1);
        var activation = ActivationRange.From(options.Activation, context);
        context.ExpectOutputShape(0, [1, geometry.OutputHeight, geometry.OutputWidth, channels]);
        int input = context.ArenaInput(0);
        int output = context.ArenaOutput(0);
        return new DepthwiseConv2DKernel(input, output, geometry, channels, filter, bias,
            new ConvEpilogue(activation, null), context.Isa);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Run(in TensorMap tensors, int begin, int end)
    {
        switch (_isa)
        {
            case VectorIsa.Vector512: RunVector<Vector512<float>>(tensors, begin, end); break;
            case VectorIsa.Vector256: RunVector<Vector256<float>>(tensors, begin, end); break;
            default: RunScalar(tensors, begin, end); break;
        }
    }

    private void RunScalar(in TensorMap tensors, int begin, int end)
    {
        float* input = tensors[_input];
        float* output = tensors[_output];
        for (int oy = begin; oy < end; oy++)
        {
            for (int ox = 0; ox < _g.OutputWidth; ox++)
                PixelScalar(input, output + ((long)oy * _g.OutputWidth + ox) * _channels, oy, ox);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void RunVector<T>(in TensorMap tensors, int begin, int end) where T : struct
    {
        float* input = tensors[_input];
        float* output = tensors[_output];
        bool fast3x3 = _g.KernelHeight == 3 && _g.KernelWidth == 3 && _g.DilationHeight == 1 && _g.DilationWidth == 1;
        for (int oy = begin; oy < end; oy++)
        {
            if (fast3x3)
            {
                Row3x3<T>(input, output, oy);
                continue;
            }
            for (int ox = 0; ox < _g.OutputWidth; ox++)
                PixelVector<T>(input, output + ((long)oy * _g.OutputWidth + ox) * _channels, oy, ox);
        }
    }

    /// <summary>
    /// One output row of a 3x3 filter: per channel block the nine weight vectors stay in registers
    /// while the row is swept; rows above/below the input read a zero row, and only the first and
    /// last columns take the bounds-checked path.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Row3x3<T>(float* input, float* output, int oy) where T : struct
    {
        int channels = _channels, inWidth = _g.InputWidth, outWidth = _g.OutputWidth;
        int stride = _g.StrideWidth, padLeft = _g.PadLeft, lanes = VectorOps.Count<T>();
        long rowFloats = (long)inWidth * channels;
        int iy0 = oy * _g.StrideHeight - _g.PadTop;
        float* zeros = _zeroRow!.Pointer;
        float* row0 = (uint)iy0 < (uint)_g.InputHeight ? input + iy0 * rowFloats : zeros;
        float* row1 = (uint)(iy0 + 1) < (uint)_g.InputHeight ? input + (iy0 + 1) * rowFloats : zeros;
        float* row2 = (uint)(iy0 + 2) < (uint)_g.InputHeight ? input + (iy0 + 2) * rowFloats : zeros;
        // Output columns whose three input columns are all inside the row.
        int firstInterior = Math.Min(outWidth, (padLeft + stride - 1) / stride);
        int lastStart = inWidth - 3 + padLeft;
        int lastInterior = lastStart < 0 ? firstInterior : Math.Max(firstInterior, Math.Min(outWidth, lastStart / stride + 1));
        float* destinationRow = output + (long)oy * outWidth * channels;

        var rows = new RowWindow(row0, row1, row2, row0 != zeros, row1 != zeros, row2 != zeros, firstInterior, lastInterior);

        // Masked loads and stores only for a last partial block: a masked store costs a dozen
        // cycles on AMD cores even with every lane set, more than the nine multiply-adds it stores.
        if (typeof(T) == typeof(Vector512<float>) && CanPairPixels)
        {
            PairedRow8(rows, destinationRow);
            return;
        }
        if (typeof(T) == typeof(Vector512<float>) && channels == 2 * lanes)
        {
            TwoBlockRow3x3(rows, destinationRow);
            return;
        }
        if (HasFixedChannels)
        {
            FixedChannelsRow<T>(rows, destinationRow);
            return;
        }
        int fullBlocks = channels / lanes * lanes;
        for (int c = 0; c < fullBlocks; c += lanes)
            Block3x3<T, FullBlock>(rows, destinationRow, c, default, rows.FirstInterior);
        if (fullBlocks == channels) return;
        // AVX2's masked loads and stores (vmaskmovps) made the last block of 28, 36 or 42 channels
        // cost three whole blocks on an AMD EPYC. A whole vector ending at the last channel instead
        // recomputes a few channels of the block before it: the same chains on the same inputs, so
        // the same bits written twice.
        if (typeof(T) == typeof(Vector256<float>) && channels > lanes)
            Block3x3<T, FullBlock>(rows, destinationRow, channels - lanes, default, rows.FirstInterior);
        else
            Block3x3<T, PartialBlock>(rows, destinationRow, fullBlocks, VectorOps.FirstLanes<T>(channels - fullBlocks), rows.FirstInterior);
    }

    /// <summary>The three input rows under an output row (the zero row where outside) and its interior column range.</summary>
    private readonly struct RowWindow(float* row0, float* row1, float* row2, bool inside0, bool inside1, bool inside2,
        int firstInterior, int lastInterior)
    {
        public float* Row0 { get; } = row0;
        public float* Row1 { get; } = row1;
        public float* Row2 { get; } = row2;
        public bool Inside0 { get; } = inside0;
        public bool Inside1 { get; } = inside1;
        public bool Inside2 { get; } = inside2;
        public int FirstInterior { get; } = firstInterior;
        public int LastInterior { get; } = lastInterior;
    }

    /// <summary>
    /// One output row for the channel block at <paramref name="c"/>: the nine weight vectors and
    /// the epilogue's per-channel values stay in registers while the interior columns are swept,
    /// then the few border columns reuse them, leaving out the taps outside the image (the same
    /// sums, in the same order, as the general per-pixel path). Interior columns before
    /// <paramref name="interiorStart"/> are left to the caller.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Block3x3<T, TBlock>(in RowWindow rows, float* destinationRow, int c, T mask, int interiorStart)
        where T : struct where TBlock : struct, IChannelBlock
    {
        int channels = _channels, padded = _paddedChannels, stride = _g.StrideWidth, padLeft = _g.PadLeft;
        int inWidth = _g.InputWidth, outWidth = _g.OutputWidth;
        float* w = _weights.Pointer + c;
        float* r0 = rows.Row0 + c, r1 = rows.Row1 + c, r2 = rows.Row2 + c, destination = destinationRow + c;
        T bias = VectorOps.Load<T>(_bias.Pointer + c);
        T w00 = VectorOps.Load<T>(w), w01 = VectorOps.Load<T>(w + padded), w02 = VectorOps.Load<T>(w + 2 * padded);
        T w10 = VectorOps.Load<T>(w + 3 * padded), w11 = VectorOps.Load<T>(w + 4 * padded), w12 = VectorOps.Load<T>(w + 5 * padded);
        T w20 = VectorOps.Load<T>(w + 6 * padded), w21 = VectorOps.Load<T>(w + 7 * padded), w22 = VectorOps.Load<T>(w + 8 * padded);
        var epilogue = _epilogue.At<T>(c);
        int ox = interiorStart;
        if (stride == 1)
        {
            for (; ox + 3 < rows.LastInterior; ox += 4)
            {
                long x = (long)(ox - padLeft) * channels;
                T p0 = bias, p1 = bias, p2 = bias, p3 = bias;
                (p0, p1, p2, p3) = FourPixelTaps<T, TBlock>(r0 + x, channels, mask, w00, w01, w02, p0, p1, p2, p3);
                (p0, p1, p2, p3) = FourPixelTaps<T, TBlock>(r1 + x, channels, mask, w10, w11, w12, p0, p1, p2, p3);
                (p0, p1, p2, p3) = FourPixelTaps<T, TBlock>(r2 + x, channels, mask, w20, w21, w22, p0, p1, p2, p3);
                float* o = destination + (long)ox * channels;
                TBlock.Store(o, mask, epilogue.Finish(p0));
                TBlock.Store(o + channels, mask, epilogue.Finish(p1));
                TBlock.Store(o + 2 * channels, mask, epilogue.Finish(p2));
                TBlock.Store(o + 3 * channels, mask, epilogue.Finish(p3));
            }
        }
        for (; ox < rows.LastInterior; ox++)
        {
            long x = (long)(ox * stride - padLeft) * channels;
            T acc = bias;
            acc = VectorOps.MultiplyAdd(TBlock.Load(r0 + x, mask), w00, acc);
            acc = VectorOps.MultiplyAdd(TBlock.Load(r0 + x + channels, mask), w01, acc);
            acc = VectorOps.MultiplyAdd(TBlock.Load(r0 + x + 2 * channels, mask), w02, acc);
            acc = VectorOps.MultiplyAdd(TBlock.Load(r1 + x, mask), w10, acc);
            acc = VectorOps.MultiplyAdd(TBlock.Load(r1 + x + channels, mask), w11, acc);
            acc = VectorOps.MultiplyAdd(TBlock.Load(r1 + x + 2 * channels, mask), w12, acc);
            acc = VectorOps.MultiplyAdd(TBlock.Load(r2 + x, mask), w20, acc);
            acc = VectorOps.MultiplyAdd(TBlock.Load(r2 + x + channels, mask), w21, acc);
            acc = VectorOps.MultiplyAdd(TBlock.Load(r2 + x + 2 * channels, mask), w22, acc);
            TBlock.Store(destination + (long)ox * channels, mask, epilogue.Finish(acc));
        }
        for (ox = 0; ox < outWidth; ox++)
        {
            if (ox == rows.FirstInterior) ox = Math.Max(ox, rows.LastInterior);
            if (ox >= outWidth) break;
            int ix = ox * stride - padLeft;
            bool left = (uint)ix < (uint)inWidth, middle = (uint)(ix + 1) < (uint)inWidth, right = (uint)(ix + 2) < (uint)inWidth;
            long x = (long)ix * channels;
            T acc = bias;
            if (rows.Inside0)
            {
                if (left) acc = VectorOps.MultiplyAdd(TBlock.Load(r0 + x, mask), w00, acc);
                if (middle) acc = VectorOps.MultiplyAdd(TBlock.Load(r0 + x + channels, mask), w01, acc);
                if (right) acc = VectorOps.MultiplyAdd(TBlock.Load(r0 + x + 2 * channels, mask), w02, acc);
            }
            if (rows.Inside1)
            {
                if (left) acc = VectorOps.MultiplyAdd(TBlock.Load(r1 + x, mask), w10, acc);
                if (middle) acc = VectorOps.MultiplyAdd(TBlock.Load(r1 + x + channels, mask), w11, acc);
                if (right) acc = VectorOps.MultiplyAdd(TBlock.Load(r1 + x + 2 * channels, mask), w12, acc);
            }
            if (rows.Inside2)
            {
                if (left) acc = VectorOps.MultiplyAdd(TBlock.Load(r2 + x, mask), w20, acc);
                if (middle) acc = VectorOps.MultiplyAdd(TBlock.Load(r2 + x + channels, mask), w21, acc);
                if (right) acc = VectorOps.MultiplyAdd(TBlock.Load(r2 + x + 2 * channels, mask), w22, acc);
            }
            TBlock.Store(destination + (long)ox * channels, mask, epilogue.Finish(acc));
        }
    }

    /// <summary>
    /// One filter row's three taps for four neighbouring stride-1 pixels: the six input vectors
    /// under them are loaded once each (a pixel's right input is its neighbour's middle one), where
    /// one pixel at a time loaded nine per pixel and the sweep waited on loads, not multiply-adds.
    /// Each chain still takes the row's taps left to right.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (T, T, T, T) FourPixelTaps<T, TBlock>(float* a, int channels, T mask, T left, T middle, T right, T p0, T p1, T p2, T p3)
        where T : struct where TBlock : struct, IChannelBlock
    {
        T x0 = TBlock.Load(a, mask), x1 = TBlock.Load(a + channels, mask), x2 = TBlock.Load(a + 2 * channels, mask);
        p0 = VectorOps.MultiplyAdd(x0, left, p0);
        p0 = VectorOps.MultiplyAdd(x1, middle, p0);
        p1 = VectorOps.MultiplyAdd(x1, left, p1);
        p0 = VectorOps.MultiplyAdd(x2, right, p0);
        p1 = VectorOps.MultiplyAdd(x2, middle, p1);
        p2 = VectorOps.MultiplyAdd(x2, left, p2);
        T x3 = TBlock.Load(a + 3 * channels, mask);
        p1 = VectorOps.MultiplyAdd(x3, right, p1);
        p2 = VectorOps.MultiplyAdd(x3, middle, p2);
        p3 = VectorOps.MultiplyAdd(x3, left, p3);
        T x4 = TBlock.Load(a + 4 * channels, mask);
        p2 = VectorOps.MultiplyAdd(x4, right, p2);
        p3 = VectorOps.MultiplyAdd(x4, middle, p3);
        p3 = VectorOps.MultiplyAdd(TBlock.Load(a + 5 * channels, mask), right, p3);
        return (p0, p1, p2, p3);
    }

    /// <summary>
    /// A row of a 32-channel layer on the 512-bit path: both blocks' weights fit the 32 registers,
    /// so the interior columns run both blocks' chains in one sweep (each the chain
    /// <see cref="Block3x3{T, TBlock}"/> computes, so outputs are bit-identical); then each block's
    /// border columns. A method of its own: inlined into the row, its size stopped the JIT from
    /// inlining the one-block sweeps of other layers.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private void TwoBlockRow3x3(RowWindow rows, float* destinationRow)
    {
        const int lanes = 16, channels = 2 * lanes;
        int padded = _paddedChannels, stride = _g.StrideWidth, padLeft = _g.PadLeft;
        float* w = _weights.Pointer, v = w + lanes;
        float* r0 = rows.Row0, r1 = rows.Row1, r2 = rows.Row2;
        Vector512<float> bias = Vector512.Load(_bias.Pointer), bias1 = Vector512.Load(_bias.Pointer + lanes);
        Vector512<float> w00 = Vector512.Load(w), w01 = Vector512.Load(w + padded), w02 = Vector512.Load(w + 2 * padded);
        Vector512<float> w10 = Vector512.Load(w + 3 * padded), w11 = Vector512.Load(w + 4 * padded), w12 = Vector512.Load(w + 5 * padded);
        Vector512<float> w20 = Vector512.Load(w + 6 * padded), w21 = Vector512.Load(w + 7 * padded), w22 = Vector512.Load(w + 8 * padded);
        Vector512<float> v00 = Vector512.Load(v), v01 = Vector512.Load(v + padded), v02 = Vector512.Load(v + 2 * padded);
        Vector512<float> v10 = Vector512.Load(v + 3 * padded), v11 = Vector512.Load(v + 4 * padded), v12 = Vector512.Load(v + 5 * padded);
        Vector512<float> v20 = Vector512.Load(v + 6 * padded), v21 = Vector512.Load(v + 7 * padded), v22 = Vector512.Load(v + 8 * padded);
        var epilogue = _epilogue.At<Vector512<float>>(0);
        var epilogue1 = _epilogue.At<Vector512<float>>(lanes);
        int last = rows.LastInterior;
        for (int ox = rows.FirstInterior; ox < last; ox++)
        {
            long x = (long)(ox * stride - padLeft) * channels;
            float* a0 = r0 + x, a1 = r1 + x, a2 = r2 + x;
            Vector512<float> acc = bias, acc1 = bias1;
            acc = Vector512.FusedMultiplyAdd(Vector512.Load(a0), w00, acc);
            acc1 = Vector512.FusedMultiplyAdd(Vector512.Load(a0 + lanes), v00, acc1);
            acc = Vector512.FusedMultiplyAdd(Vector512.Load(a0 + channels), w01, acc);
            acc1 = Vector512.FusedMultiplyAdd(Vector512.Load(a0 + channels + lanes), v01, acc1);
            acc = Vector512.FusedMultiplyAdd(Vector512.Load(a0 + 2 * channels), w02, acc);
            acc1 = Vector512.FusedMultiplyAdd(Vector512.Load(a0 + 2 * channels + lanes), v02, acc1);
            acc = Vector512.FusedMultiplyAdd(Vector512.Load(a1), w10, acc);
            acc1 = Vector512.FusedMultiplyAdd(Vector512.Load(a1 + lanes), v10, acc1);
            acc = Vector512.FusedMultiplyAdd(Vector512.Load(a1 + channels), w11, acc);
            acc1 = Vector512.FusedMultiplyAdd(Vector512.Load(a1 + channels + lanes), v11, acc1);
            acc = Vector512.FusedMultiplyAdd(Vector512.Load(a1 + 2 * channels), w12, acc);
            acc1 = Vector512.FusedMultiplyAdd(Vector512.Load(a1 + 2 * channels + lanes), v12, acc1);
            acc = Vector512.FusedMultiplyAdd(Vector512.Load(a2), w20, acc);
            acc1 = Vector512.FusedMultiplyAdd(Vector512.Load(a2 + lanes), v20, acc1);
            acc = Vector512.FusedMultiplyAdd(Vector512.Load(a2 + channels), w21, acc);
            acc1 = Vector512.FusedMultiplyAdd(Vector512.Load(a2 + channels + lanes), v21, acc1);
            acc = Vector512.FusedMultiplyAdd(Vector512.Load(a2 + 2 * channels), w22, acc);
            acc1 = Vector512.FusedMultiplyAdd(Vector512.Load(a2 + 2 * channels + lanes), v22, acc1);
            float* o = destinationRow + (long)ox * channels;
            epilogue.Finish(acc).Store(o);
            epilogue1.Finish(acc1).Store(o + lanes);
        }
        Block3x3<Vector512<float>, FullBlock>(rows, destinationRow, 0, default, last);
        Block3x3<Vector512<float>, FullBlock>(rows, destinationRow, lanes, default, last);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void PixelVector<T>(float* input, float* destination, int oy, int ox) where T : struct
    {
        int iy0 = oy * _g.StrideHeight - _g.PadTop, ix0 = ox * _g.StrideWidth - _g.PadLeft;
        int channels = _channels, padded = _paddedChannels, lanes = VectorOps.Count<T>();
        for (int c = 0; c < channels; c += lanes)
        {
            int count = channels - c;
            T acc = VectorOps.Load<T>(_bias.Pointer + c);
            float* w = _weights.Pointer + c;
            for (int ky = 0; ky < _g.KernelHeight; ky++)
            {
                int iy = iy0 + ky * _g.DilationHeight;
                if ((uint)iy >= (uint)_g.InputHeight) continue;
                float* row = input + (long)iy * _g.InputWidth * channels + c;
                for (int kx = 0; kx < _g.KernelWidth; kx++)
                {
                    int ix = ix0 + kx * _g.DilationWidth;
                    if ((uint)ix >= (uint)_g.InputWidth) continue;
                    T x = VectorOps.LoadFirst<T>(row + (long)ix * channels, count);
                    acc = VectorOps.MultiplyAdd(x, VectorOps.Load<T>(w + (ky * _g.KernelWidth + kx) * padded), acc);
                }
            }
            _epilogue.Store(destination + c, acc, c, count);
        }
    }

    private void PixelScalar(float* input, float* destination, int oy, int ox)
    {
        int iy0 = oy * _g.StrideHeight - _g.PadTop, ix0 = ox * _g.StrideWidth - _g.PadLeft;
        for (int c = 0; c < _channels; c++)
        {
            float acc = _bias.Pointer[c];
            for (int ky = 0; ky < _g.KernelHeight; ky++)
            {
                int iy = iy0 + ky * _g.DilationHeight;
                if ((uint)iy >= (uint)_g.InputHeight) continue;
                for (int kx = 0; kx < _g.KernelWidth; kx++)
                {
                    int ix = ix0 + kx * _g.DilationWidth;
                    if ((uint)ix >= (uint)_g.InputWidth) continue;
                    acc += input[((long)iy * _g.InputWidth + ix) * _channels + c] * _weights.Pointer[(ky * _g.KernelWidth + kx) * _paddedChannels + c];
                }
            }
            destination[c] = _epilogue.Apply(acc, c);
        }
    }
}
