using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace FaceMesh.Runtime.Kernels;

/// <summary>
/// A 1x1 layer to few outputs: 8 (the full-range detector's narrowing 96x96 blocks) in 512-bit
/// vectors, on the 512-bit path only; 4 (its score head) in 256-bit ones and 2 (the short-range
/// detector's score head) in 128-bit ones, on both paths. The general tile holds one pixel's
/// outputs in a 16- or 8-lane vector, so half or more of every multiply-add was empty (on AVX2
/// the short-range score head ran at a sixth of the FMA peak). Here a vector holds one pixel's
/// even-input-channel sums in its even lanes and its odd-input-channel sums in its odd lanes,
/// output channel by output channel: one 64-bit
/// broadcast puts an input channel pair into every lane pair, and a full vector does the work.
/// Each lane takes the multiply-adds of the general tile in its order (even channels from the
/// bias, odd ones from zero), and the two are added last just as there, so results are
/// bit-identical.
/// </summary>
internal sealed unsafe partial class PointwiseRun
{
    private const int PixelsPerSweep = 8; // eight independent chains cover the multiply-add latency

    private readonly AlignedFloats? _channelPairWeights; // [input pair][output][even, odd]
    private readonly AlignedFloats? _channelPairBias;    // [output][bias, 0]

    /// <summary>
    /// Output channels that fill a vector as channel pairs (8 in 512-bit ones, 4 in 256-bit ones,
    /// 2 in 128-bit ones), or 0. A shortcut narrower than the output would need lanes rearranged;
    /// those layers keep the general tile.
    /// </summary>
    private static int PairedOutputs(in PointwiseLayout layout)
    {
        int outputs = layout.OutChannels;
        if (!PairsFit(layout, outputs)) return 0;
        return !layout.Residual.IsPresent || layout.Residual.Channels == outputs ? outputs : 0;
    }

    /// <summary>
    /// Whether <paramref name="outputs"/> channels of this layer (all of them, or its last panel)
    /// can run as channel pairs: a vector path, an even input count, no per-channel slopes (lanes
    /// would need their slopes rearranged), and 8 outputs only on the 512-bit path (on AVX2, as two
    /// 256-bit vectors, they ran 1.5 % slower than the general tile).
    /// </summary>
    private static bool PairsFit(in PointwiseLayout layout, int outputs) =>
        layout.Isa != VectorIsa.Scalar && layout.InChannels % 2 == 0 && !layout.Epilogue.Scales
        && (outputs is 4 or 2 || (outputs == 8 && layout.Isa == VectorIsa.Vector512));

    /// <summary>Whether <see cref="Run"/> takes channel pairs for this layer.</summary>
    public static bool PairsChannels(in PointwiseLayout layout) => PairedOutputs(layout) != 0;

    /// <summary>
    /// The <paramref name="outputs"/> channels from <paramref name="column"/> on (the first of a
    /// panel) as [input pair][output][even, odd] weights and [output][bias, 0] accumulator starts.
    /// </summary>
    private static (AlignedFloats Weights, AlignedFloats Bias) PackChannelPairs(in PointwiseLayout layout, int column, int outputs)
    {
        int cin = layout.InChannels, lanes = layout.Lanes, pairLanes = 2 * outputs;
        int packedWidth = Math.Min(layout.PanelWidth, (layout.OutChannels - column + lanes - 1) / lanes * lanes);
        float* panel = layout.Weights.Pointer + (long)(column / layout.PanelWidth) * cin * layout.PanelWidth;
        var weights = new AlignedFloats(cin / 2 * pairLanes);
        Span<float> target = weights.AsSpan();
        for (int k = 0; k < cin; k++)
        {
            for (int j = 0; j < outputs; j++)
                target[k / 2 * pairLanes + 2 * j + k % 2] = panel[k * packedWidth + j];
        }
        var bias = new AlignedFloats(pairLanes);
        for (int j = 0; j < outputs; j++) bias.AsSpan()[2 * j] = layout.Bias.Pointer[column + j];
        return (weights, bias);
    }

    private void RunChannelPairs(float* input, float* output, float* shortcut, int first, int end)
    {
        if (_cout == 8) RunChannelPairs<Vector512<float>>(input, output, shortcut, first, end);
        else if (_cout == 4) RunChannelPairs<Vector256<float>>(input, output, shortcut, first, end);
        else RunChannelPairs<Vector128<float>>(input, output, shortcut, first, end);
    }

    private void RunChannelPairs<T>(float* input, float* output, float* shortcut, int first, int end) where T : struct
    {
        bool clamps = _layout.Epilogue.Clamps;
        if (shortcut is not null)
        {
            if (clamps) RunChannelPairs<T, WithResidual, ClampOnly>(input, output, shortcut, first, end);
            else RunChannelPairs<T, WithResidual, NoActivation>(input, output, shortcut, first, end);
        }
        else if (clamps) RunChannelPairs<T, NoResidual, ClampOnly>(input, output, null, first, end);
        else RunChannelPairs<T, NoResidual, NoActivation>(input, output, null, first, end);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void RunChannelPairs<T, TResidual, TActivation>(float* input, float* output, float* shortcut, int first, int end)
        where T : struct where TResidual : struct, IResidualMode where TActivation : struct, IActivationMode =>
        SweepChannelPairs<T, TResidual, TActivation, WholeRows>(input, output, shortcut, _channelPairWeights!.Pointer,
            _channelPairBias!.Pointer, 0, first, end);

    /// <summary>
    /// Pixels [<paramref name="first"/>, <paramref name="end"/>) of the outputs from
    /// <paramref name="column"/> on that <paramref name="weights"/> and <paramref name="bias"/>
    /// hold as channel pairs (half a vector of outputs per pixel).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void SweepChannelPairs<T, TResidual, TActivation, TRows>(float* input, float* output, float* shortcut,
        float* weights, float* bias, int column, int first, int end)
        where T : struct where TResidual : struct, IResidualMode where TActivation : struct, IActivationMode where TRows : struct, IPairedRows
    {
        int cin = _cin, lanes = VectorOps.Count<T>();
        // Whole rows are half a vector long: a JIT-time constant, so pixel offsets stay shifts.
        int stride = TRows.Whole ? lanes / 2 : _cout;
        T init = VectorOps.Load<T>(bias);
        var epilogue = _layout.Epilogue.At<T>(column);
        output += column;
        int pixel = first;
        for (; pixel + PixelsPerSweep <= end; pixel += PixelsPerSweep)
        {
            float* a0 = input + (long)pixel * cin, a1 = a0 + cin, a2 = a1 + cin, a3 = a2 + cin;
            float* a4 = a3 + cin, a5 = a4 + cin, a6 = a5 + cin, a7 = a6 + cin;
            T c0 = init, c1 = init, c2 = init, c3 = init, c4 = init, c5 = init, c6 = init, c7 = init;
            float* w = weights;
            for (int k = 0; k < cin; k += 2, w += lanes)
            {
                T wk = VectorOps.Load<T>(w);
                c0 = VectorOps.MultiplyAdd(PairOf<T>(a0 + k), wk, c0);
                c1 = VectorOps.MultiplyAdd(PairOf<T>(a1 + k), wk, c1);
                c2 = VectorOps.MultiplyAdd(PairOf<T>(a2 + k), wk, c2);
                c3 = VectorOps.MultiplyAdd(PairOf<T>(a3 + k), wk, c3);
                c4 = VectorOps.MultiplyAdd(PairOf<T>(a4 + k), wk, c4);
                c5 = VectorOps.MultiplyAdd(PairOf<T>(a5 + k), wk, c5);
                c6 = VectorOps.MultiplyAdd(PairOf<T>(a6 + k), wk, c6);
                c7 = VectorOps.MultiplyAdd(PairOf<T>(a7 + k), wk, c7);
            }
            StoreTwoPixels<T, TResidual, TActivation, TRows>(output, shortcut, stride, pixel, c0, c1, epilogue);
            StoreTwoPixels<T, TResidual, TActivation, TRows>(output, shortcut, stride, pixel + 2, c2, c3, epilogue);
            StoreTwoPixels<T, TResidual, TActivation, TRows>(output, shortcut, stride, pixel + 4, c4, c5, epilogue);
            StoreTwoPixels<T, TResidual, TActivation, TRows>(output, shortcut, stride, pixel + 6, c6, c7, epilogue);
        }
        // Runs are whole tiles of six pixels, so what is left comes in pairs.
        Debug.Assert((end - pixel) % 2 == 0);
        for (; pixel + 2 <= end; pixel += 2)
        {
            float* a0 = input + (long)pixel * cin, a1 = a0 + cin;
            T c0 = init, c1 = init;
            float* w = weights;
            for (int k = 0; k < cin; k += 2, w += lanes)
            {
                T wk = VectorOps.Load<T>(w);
                c0 = VectorOps.MultiplyAdd(PairOf<T>(a0 + k), wk, c0);
                c1 = VectorOps.MultiplyAdd(PairOf<T>(a1 + k), wk, c1);
            }
            StoreTwoPixels<T, TResidual, TActivation, TRows>(output, shortcut, stride, pixel, c0, c1, epilogue);
        }
    }

    /// <summary>Input channels k and k+1 in every even and odd lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T PairOf<T>(float* channels) where T : struct
    {
        double pair = Unsafe.ReadUnaligned<double>(channels);
        if (typeof(T) == typeof(Vector512<float>)) return Unsafe.BitCast<Vector512<float>, T>(Vector512.Create(pair).AsSingle());
        if (typeof(T) == typeof(Vector256<float>)) return Unsafe.BitCast<Vector256<float>, T>(Vector256.Create(pair).AsSingle());
        return Unsafe.BitCast<Vector128<float>, T>(Vector128.Create(pair).AsSingle());
    }

    /// <summary>
    /// Each lane pair's even sum plus its odd sum in the even lane (the general tile's c + d),
    /// then the even lanes of <paramref name="first"/> followed by those of <paramref name="second"/>:
    /// two pixels' outputs, next to each other as in NHWC.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T TwoPixels<T>(T first, T second) where T : struct
    {
        if (typeof(T) == typeof(Vector512<float>))
        {
            Vector512<float> a = Unsafe.BitCast<T, Vector512<float>>(first), b = Unsafe.BitCast<T, Vector512<float>>(second);
            a += Avx512F.DuplicateOddIndexed(a);
            b += Avx512F.DuplicateOddIndexed(b);
            return Unsafe.BitCast<Vector512<float>, T>(
                Avx512F.PermuteVar16x32x2(a, Vector512.Create(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30), b));
        }
        if (typeof(T) == typeof(Vector128<float>))
        {
            Vector128<float> e = Unsafe.BitCast<T, Vector128<float>>(first), f = Unsafe.BitCast<T, Vector128<float>>(second);
            e += Sse3.MoveHighAndDuplicate(e);
            f += Sse3.MoveHighAndDuplicate(f);
            return Unsafe.BitCast<Vector128<float>, T>(Sse.Shuffle(e, f, 0b10_00_10_00));
        }
        Vector256<float> c = Unsafe.BitCast<T, Vector256<float>>(first), d = Unsafe.BitCast<T, Vector256<float>>(second);
        c += Avx.DuplicateOddIndexed(c);
        d += Avx.DuplicateOddIndexed(d);
        Vector256<int> evens = Vector256.Create(0, 2, 4, 6, 0, 2, 4, 6);
        return Unsafe.BitCast<Vector256<float>, T>(Avx.Blend(Avx2.PermuteVar8x32(c, evens), Avx2.PermuteVar8x32(d, evens), 0xF0));
    }

    /// <summary>
    /// Two pixels' outputs: with a shortcut (whole rows only) and the epilogue, stored in one
    /// vector for whole rows, else as two halves a row apart.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreTwoPixels<T, TResidual, TActivation, TRows>(float* output, float* shortcut, int stride, int pixel,
        T first, T second, in ConvEpilogue.Block<T> epilogue)
        where T : struct where TResidual : struct, IResidualMode where TActivation : struct, IActivationMode where TRows : struct, IPairedRows
    {
        long at = (long)pixel * stride;
        T value = TwoPixels(first, second);
        if (TRows.Whole)
        {
            if (TResidual.Adds) value = VectorOps.Add(value, VectorOps.Load<T>(shortcut + at));
            VectorOps.Store(output + at, epilogue.Finish<TActivation>(value));
        }
        else StoreHalves(output + at, output + at + stride, epilogue.Finish<TActivation>(value));
    }

    /// <summary>The low half of <paramref name="value"/> at <paramref name="low"/>, the high half at <paramref name="high"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreHalves<T>(float* low, float* high, T value) where T : struct
    {
        if (typeof(T) == typeof(Vector512<float>))
        {
            Vector512<float> v = Unsafe.BitCast<T, Vector512<float>>(value);
            v.GetLower().Store(low);
            v.GetUpper().Store(high);
        }
        else
        {
            Vector256<float> v = Unsafe.BitCast<T, Vector256<float>>(value);
            v.GetLower().Store(low);
            v.GetUpper().Store(high);
        }
    }

    /// <summary>Whether a channel-pair sweep's outputs are whole pixel rows (a layer of 8 or 4 outputs) or the tail of wider rows.</summary>
    private interface IPairedRows
    {
        static abstract bool Whole { get; }
    }

    private readonly struct WholeRows : IPairedRows
    {
        public static bool Whole => true;
    }

    private readonly struct TailOfRows : IPairedRows
    {
        public static bool Whole => false;
    }
}
