using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using FaceMesh.Runtime.Graph;

namespace FaceMesh.Runtime.Kernels;

/// <summary>
/// CONV_2D whose output is one pixel (the landmark models' heads, e.g. 3x3x32 -> 1x1x1404): a
/// matrix-vector product that reads every weight once per inference, so its speed is the speed
/// of streaming the weights. They are kept as half-precision bits, packed per block of output
/// channels in the order the loop reads them, and widened in registers (<see cref="HalfWidening"/>):
/// half the bytes of float32, and exact. A block holds four vectors of channels with two
/// accumulators each, eight independent chains, where the general kernel's single-pixel path
/// had four.
/// </summary>
/// <remarks>
/// Each output channel is summed in the same order as <see cref="Conv2DKernel"/> sums a lone
/// pixel, so outputs are bit-identical to it: on the vector paths the bias plus the even
/// positions of each input run in one chain, the odd positions in another, added at the end;
/// on the scalar path one chain of separately rounded products.
/// </remarks>
internal sealed unsafe class SinglePixelConv2DKernel : Kernel, IFusesActivation
{
    private const int VectorsPerBlock = 4;
    private const int ScalarBlockWidth = 16;
    private const int MaxDepth = 16384;        // gathered input on the stack: 64 KB
    // Below this many weights (256 KB as float32) they stay in cache between inferences, and the
    // widening costs more than the bytes it saves: the attention model's 2x2x32 -> 160 heads
    // (20K weights) ran 3.7 us with float32 weights, 4.7 us with halves.
    private const long MinimumWeights = 65536;
    private const int ConvTileRows = 6;         // Conv2DKernel's tile height, which decides its input runs
    private const int ConvMaxBorderFloats = 8192;

    private readonly int _input;
    private readonly int _output;
    private readonly ConvGeometry _g;
    private readonly int _inChannels;
    private readonly int _outChannels;
    private readonly int _depth;
    private readonly int _runLength;   // the even/odd split restarts at each run of this many inputs
    private readonly VectorIsa _isa;
    private readonly int _blockWidth;
    private readonly int _blocks;
    private readonly AlignedHalves _weights; // vector paths: [block][pair of inputs][blockWidth][2]; scalar: [block][depth][blockWidth]
    private readonly int _blockStride;       // halves per block
    private readonly AlignedFloats _bias;
    private readonly ConvEpilogue _epilogue;

    private SinglePixelConv2DKernel(int input, int output, ConvGeometry geometry, int inChannels, int outChannels,
        AlignedHalves weights, int blockStride, AlignedFloats bias, ConvEpilogue epilogue, VectorIsa isa, int blockWidth) : base("Conv2D")
    {
        _input = input;
        _output = output;
        _g = geometry;
        _inChannels = inChannels;
        _outChannels = outChannels;
        _depth = geometry.Taps * inChannels;
        _runLength = RunLength(geometry, inChannels);
        _isa = isa;
        _blockWidth = blockWidth;
        _blocks = (outChannels + blockWidth - 1) / blockWidth;
        _weights = weights;
        _blockStride = blockStride;
        _bias = bias;
        _epilogue = epilogue;
    }

    private SinglePixelConv2DKernel(SinglePixelConv2DKernel source, ConvEpilogue epilogue, int output)
        : this(source._input, output, source._g, source._inChannels, source._outChannels, source._weights, source._blockStride, source._bias,
            epilogue, source._isa, source._blockWidth)
    {
    }

    /// <summary>
    /// The kernel for a convolution with a one-pixel output whose weights are all finite halves,
    /// or null (then <see cref="Conv2DKernel"/> runs it on float32 weights).
    /// </summary>
    public static SinglePixelConv2DKernel? TryCreate(KernelBuildContext context, int input, int output, ConvGeometry geometry,
        int inChannels, int outChannels, float[] filter, float[]? bias, ConvEpilogue epilogue)
    {
        int depth = geometry.Taps * inChannels;
        if (!context.KeepsHalfWeights || geometry.OutputPixels != 1 || depth > MaxDepth || (long)depth * outChannels < MinimumWeights) return null;
        VectorIsa isa = context.Isa;
        int blockWidth = isa == VectorIsa.Scalar ? ScalarBlockWidth : VectorsPerBlock * SimdSupport.Lanes(isa);
        int blocks = (outChannels + blockWidth - 1) / blockWidth;
        if (PackWeights(filter, outChannels, depth, blocks, blockWidth) is not { } weights) return null;
        int blockStride = depth * blockWidth;
        if (isa != VectorIsa.Scalar)
        {
            weights = PairInputs(weights, depth, RunLength(geometry, inChannels), blocks, blockWidth);
            blockStride = weights.Length / blocks;
        }
        var packedBias = new AlignedFloats(blocks * blockWidth);
        if (bias is not null) bias.AsSpan(0, outChannels).CopyTo(packedBias.AsSpan());
        return new SinglePixelConv2DKernel(input, output, geometry, inChannels, outChannels, weights, blockStride, packedBias, epilogue, isa, blockWidth);
    }

    /// <summary>
    /// The length of the input runs <see cref="Conv2DKernel"/> walks for one pixel: a whole filter
    /// row when its rows are contiguous and fit its border buffer, else one tap's channels.
    /// </summary>
    private static int RunLength(ConvGeometry g, int inChannels)
    {
        bool rowRuns = g.DilationWidth == 1 && ConvTileRows * g.KernelHeight * g.KernelWidth * inChannels <= ConvMaxBorderFloats;
        return rowRuns ? g.KernelWidth * inChannels : inChannels;
    }

    private static AlignedHalves? PackWeights(float[] filter, int outChannels, int depth, int blocks, int blockWidth)
    {
        var packed = new AlignedHalves(blocks * depth * blockWidth);
        Span<short> target = packed.AsSpan();
        for (int block = 0; block < blocks; block++)
        {
            for (int k = 0; k < depth; k++)
            {
                int row = (block * depth + k) * blockWidth;
                for (int j = 0; j < blockWidth; j++)
                {
                    int channel = block * blockWidth + j;
                    float value = channel < outChannels ? filter[(long)channel * depth + k] : 0f;
                    if (!HalfWidening.TryNarrow(value, out target[row + j])) return null;
                }
            }
        }
        return packed;
    }

    /// <summary>
    /// Interleaves the rows of each pair of inputs that the vector loop takes together (even and
    /// odd positions of a run) so every 32-bit lane holds both weights of one channel, the even
    /// one low; a run's odd last input is paired with zeros.
    /// </summary>
    private static AlignedHalves PairInputs(AlignedHalves rows, int depth, int run, int blocks, int blockWidth)
    {
        int pairs = 0;
        for (int start = 0; start < depth; start += run) pairs += (Math.Min(run, depth - start) + 1) / 2;
        var paired = new AlignedHalves(blocks * pairs * 2 * blockWidth);
        Span<short> source = rows.AsSpan(), target = paired.AsSpan();
        int t = 0;
        for (int block = 0; block < blocks; block++)
        {
            for (int start = 0; start < depth; start += run)
            {
                int stop = Math.Min(start + run, depth);
                for (int k = start; k < stop; k += 2)
                {
                    int even = (block * depth + k) * blockWidth, odd = even + blockWidth;
                    for (int j = 0; j < blockWidth; j++, t += 2)
                    {
                        target[t] = source[even + j];
                        target[t + 1] = k + 1 < stop ? source[odd + j] : (short)0;
                    }
                }
            }
        }
        return paired;
    }

    public override int WorkUnits => _blocks;

    public override long Cost => (long)_outChannels * _depth;

    public override string Describe() => _g.Describe(_inChannels, _outChannels) + " fp16 weights";

    public Kernel? FuseActivation(ActivationRange clamp, float[]? slopes, int output)
    {
        if (!_epilogue.IsIdentity || slopes is not null && slopes.Length != _outChannels) return null;
        return new SinglePixelConv2DKernel(this, new ConvEpilogue(clamp, slopes), output);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Run(in TensorMap tensors, int begin, int end)
    {
        if (begin >= end) return;
        float* x = stackalloc float[_depth];
        Gather(tensors[_input], x);
        float* output = tensors[_output];
        if (_isa == VectorIsa.Scalar)
        {
            RunScalar(x, output, begin, end);
            return;
        }
        // The 2^112 that widening owes each weight goes onto the inputs once instead, when that
        // is exact for all of them; it takes one of the four instructions per weight vector.
        if (TryRebias(x, _depth))
        {
            if (_isa == VectorIsa.Vector512) RunBlocks<Vector512<float>, RebiasedInputs>(x, output, begin, end);
            else RunBlocks<Vector256<float>, RebiasedInputs>(x, output, begin, end);
        }
        else
        {
            if (_isa == VectorIsa.Vector512) RunBlocks<Vector512<float>, RebiasedWeights>(x, output, begin, end);
            else RunBlocks<Vector256<float>, RebiasedWeights>(x, output, begin, end);
        }
    }

    /// <summary>Multiplies the inputs by 2^112 unless one of them is finite and too large for that (then leaves them as they are).</summary>
    private static bool TryRebias(float* x, int count)
    {
        for (int i = 0; i < count; i++)
        {
            if (Math.Abs(x[i]) >= HalfWidening.MaxRebiasedInput && float.IsFinite(x[i])) return false;
        }
        for (int i = 0; i < count; i++) x[i] *= HalfWidening.ExponentRebias;
        return true;
    }

    /// <summary>Where the exponent rebias of the half weights is applied, fixed at JIT time.</summary>
    private interface IRebias
    {
        static abstract bool OnInputs { get; }
    }

    private readonly struct RebiasedInputs : IRebias
    {
        public static bool OnInputs => true;
    }

    private readonly struct RebiasedWeights : IRebias
    {
        public static bool OnInputs => false;
    }

    /// <summary>Copies the input under the filter into filter order (tap, channel); taps in the padding read zeros.</summary>
    private void Gather(float* input, float* x)
    {
        int cin = _inChannels;
        for (int ky = 0; ky < _g.KernelHeight; ky++)
        {
            int iy = ky * _g.DilationHeight - _g.PadTop;
            for (int kx = 0; kx < _g.KernelWidth; kx++, x += cin)
            {
                int ix = kx * _g.DilationWidth - _g.PadLeft;
                var target = new Span<float>(x, cin);
                if ((uint)iy < (uint)_g.InputHeight && (uint)ix < (uint)_g.InputWidth)
                    new ReadOnlySpan<float>(input + ((long)iy * _g.InputWidth + ix) * cin, cin).CopyTo(target);
                else target.Clear();
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void RunBlocks<T, TRebias>(float* x, float* output, int begin, int end) where T : struct where TRebias : struct, IRebias
    {
        int lanes = VectorOps.Count<T>(), width = _blockWidth, depth = _depth, run = _runLength;
        for (int block = begin; block < end; block++)
        {
            float* w = (float*)(_weights.Pointer + (long)block * _blockStride); // pairs of halves, one per 32-bit lane
            int column = block * width;
            float* bias = _bias.Pointer + column;
            T c0 = VectorOps.Load<T>(bias), c1 = VectorOps.Load<T>(bias + lanes);
            T c2 = VectorOps.Load<T>(bias + 2 * lanes), c3 = VectorOps.Load<T>(bias + 3 * lanes);
            T d0 = VectorOps.Zero<T>(), d1 = d0, d2 = d0, d3 = d0;
            for (int start = 0; start < depth; start += run)
            {
                int k = start, stop = Math.Min(start + run, depth);
                for (; k + 1 < stop; k += 2, w += width)
                {
                    T even = VectorOps.Broadcast<T>(x[k]), odd = VectorOps.Broadcast<T>(x[k + 1]);
                    T p0 = VectorOps.Load<T>(w), p1 = VectorOps.Load<T>(w + lanes);
                    T p2 = VectorOps.Load<T>(w + 2 * lanes), p3 = VectorOps.Load<T>(w + 3 * lanes);
                    c0 = VectorOps.MultiplyAdd(even, Low<T, TRebias>(p0), c0);
                    c1 = VectorOps.MultiplyAdd(even, Low<T, TRebias>(p1), c1);
                    c2 = VectorOps.MultiplyAdd(even, Low<T, TRebias>(p2), c2);
                    c3 = VectorOps.MultiplyAdd(even, Low<T, TRebias>(p3), c3);
                    d0 = VectorOps.MultiplyAdd(odd, High<T, TRebias>(p0), d0);
                    d1 = VectorOps.MultiplyAdd(odd, High<T, TRebias>(p1), d1);
                    d2 = VectorOps.MultiplyAdd(odd, High<T, TRebias>(p2), d2);
                    d3 = VectorOps.MultiplyAdd(odd, High<T, TRebias>(p3), d3);
                }
                if (k < stop)
                {
                    T last = VectorOps.Broadcast<T>(x[k]);
                    c0 = VectorOps.MultiplyAdd(last, Low<T, TRebias>(VectorOps.Load<T>(w)), c0);
                    c1 = VectorOps.MultiplyAdd(last, Low<T, TRebias>(VectorOps.Load<T>(w + lanes)), c1);
                    c2 = VectorOps.MultiplyAdd(last, Low<T, TRebias>(VectorOps.Load<T>(w + 2 * lanes)), c2);
                    c3 = VectorOps.MultiplyAdd(last, Low<T, TRebias>(VectorOps.Load<T>(w + 3 * lanes)), c3);
                    w += width;
                }
            }
            int remaining = _outChannels - column;
            _epilogue.Store(output + column, VectorOps.Add(c0, d0), column, remaining);
            _epilogue.Store(output + column + lanes, VectorOps.Add(c1, d1), column + lanes, remaining - lanes);
            _epilogue.Store(output + column + 2 * lanes, VectorOps.Add(c2, d2), column + 2 * lanes, remaining - 2 * lanes);
            _epilogue.Store(output + column + 3 * lanes, VectorOps.Add(c3, d3), column + 3 * lanes, remaining - 3 * lanes);
        }
    }

    /// <summary>The even input's weights of a vector of pairs (its lanes' low halves), widened.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T Low<T, TRebias>(T pairs) where T : struct where TRebias : struct, IRebias
    {
        if (typeof(T) == typeof(Vector512<float>))
        {
            Vector512<float> w = HalfWidening.WidenLowUnscaled(Unsafe.BitCast<T, Vector512<int>>(pairs));
            return Unsafe.BitCast<Vector512<float>, T>(TRebias.OnInputs ? w : w * Vector512.Create(HalfWidening.ExponentRebias));
        }
        if (typeof(T) == typeof(Vector256<float>))
        {
            Vector256<float> w = HalfWidening.WidenLowUnscaled(Unsafe.BitCast<T, Vector256<int>>(pairs));
            return Unsafe.BitCast<Vector256<float>, T>(TRebias.OnInputs ? w : w * Vector256.Create(HalfWidening.ExponentRebias));
        }
        throw new NotSupportedException($"{typeof(T)} is not a vector type the kernels support.");
    }

    /// <summary>The odd input's weights of a vector of pairs (its lanes' high halves), widened.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T High<T, TRebias>(T pairs) where T : struct where TRebias : struct, IRebias
    {
        if (typeof(T) == typeof(Vector512<float>))
        {
            Vector512<float> w = HalfWidening.WidenHighUnscaled(Unsafe.BitCast<T, Vector512<int>>(pairs));
            return Unsafe.BitCast<Vector512<float>, T>(TRebias.OnInputs ? w : w * Vector512.Create(HalfWidening.ExponentRebias));
        }
        if (typeof(T) == typeof(Vector256<float>))
        {
            Vector256<float> w = HalfWidening.WidenHighUnscaled(Unsafe.BitCast<T, Vector256<int>>(pairs));
            return Unsafe.BitCast<Vector256<float>, T>(TRebias.OnInputs ? w : w * Vector256.Create(HalfWidening.ExponentRebias));
        }
        throw new NotSupportedException($"{typeof(T)} is not a vector type the kernels support.");
    }

    /// <summary>Portable path over the same packed halves: one chain per channel, as in Conv2DKernel's scalar tile.</summary>
    private void RunScalar(float* x, float* output, int begin, int end)
    {
        float* acc = stackalloc float[ScalarBlockWidth];
        int depth = _depth;
        for (int block = begin; block < end; block++)
        {
            short* w = _weights.Pointer + (long)block * _blockStride;
            int column = block * ScalarBlockWidth;
            for (int j = 0; j < ScalarBlockWidth; j++) acc[j] = _bias.Pointer[column + j];
            for (int k = 0; k < depth; k++, w += ScalarBlockWidth)
            {
                float value = x[k];
                for (int j = 0; j < ScalarBlockWidth; j++) acc[j] += value * HalfWidening.Widen(w[j]);
            }
            int count = Math.Min(ScalarBlockWidth, _outChannels - column);
            for (int j = 0; j < count; j++) output[column + j] = _epilogue.Apply(acc[j], column + j);
        }
    }
}
