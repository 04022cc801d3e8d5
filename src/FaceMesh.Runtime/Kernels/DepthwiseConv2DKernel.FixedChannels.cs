using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace FaceMesh.Runtime.Kernels;

/// <summary>
/// Stride-1 3x3 rows with 16, 24 or 32 channels (the landmark models' and the short-range
/// detector's largest layers; 32 matters on AVX2 only, where it made the 48x48x32 and 96x96x32
/// pairs 2-5 % faster, since the 512-bit path takes 32 channels as two blocks in one sweep): the
/// interior columns are swept with the channel count a JIT-time constant, so the nine taps are
/// fixed displacements from three row pointers that step one pixel at a time, two pixels per
/// pass (four on AVX2, see below), and the epilogue is fixed at JIT time. With the count read at run time
/// every pixel multiplied its column out and each tap's load went through an index register;
/// the 16-channel rows ran at half the multiply-add peak. Each output is the chain
/// <see cref="Block3x3{T, TBlock}"/> computes (bias, then the taps in order), so results are
/// bit-identical; the border columns stay with it. The tests compare these rows bit for bit with
/// the general row of a layer one channel wider (DepthwiseFixedChannelTests).
/// </summary>
internal sealed unsafe partial class DepthwiseConv2DKernel
{
    private bool HasFixedChannels => _g.StrideWidth == 1 && _channels is SixteenChannels.Count or TwentyFourChannels.Count or ThirtyTwoChannels.Count;

    private void FixedChannelsRow<T>(in RowWindow rows, float* destinationRow) where T : struct
    {
        if (_channels == SixteenChannels.Count) FixedChannelsRow<T, SixteenChannels>(rows, destinationRow);
        else if (_channels == TwentyFourChannels.Count) FixedChannelsRow<T, TwentyFourChannels>(rows, destinationRow);
        else FixedChannelsRow<T, ThirtyTwoChannels>(rows, destinationRow);
    }

    private void FixedChannelsRow<T, TChannels>(in RowWindow rows, float* destinationRow) where T : struct where TChannels : struct, IChannelCount
    {
        int channels = TChannels.Value, lanes = VectorOps.Count<T>();
        int fullBlocks = channels / lanes * lanes;
        for (int c = 0; c < fullBlocks; c += lanes)
        {
            FixedChannelsInterior<T, FullBlock, TChannels>(rows, destinationRow, c, default);
            Block3x3<T, FullBlock>(rows, destinationRow, c, default, rows.LastInterior);
        }
        if (fullBlocks < channels)
        {
            T mask = VectorOps.FirstLanes<T>(channels - fullBlocks);
            // 24 channels on the 512-bit path: the last 8 in 256-bit vectors. A pixel is 96 bytes, so
            // every other 64-byte load of that block crossed a cache line, masked and split; 32-byte
            // loads at those offsets never do. Each lane's chain is the same at either width.
            if (typeof(T) == typeof(Vector512<float>) && channels - fullBlocks == Vector256<float>.Count)
                FixedChannelsInterior<Vector256<float>, FullBlock, TChannels>(rows, destinationRow, fullBlocks, default);
            else
                FixedChannelsInterior<T, PartialBlock, TChannels>(rows, destinationRow, fullBlocks, mask);
            Block3x3<T, PartialBlock>(rows, destinationRow, fullBlocks, mask, rows.LastInterior);
        }
    }

    private void FixedChannelsInterior<T, TBlock, TChannels>(in RowWindow rows, float* destinationRow, int c, T mask)
        where T : struct where TBlock : struct, IChannelBlock where TChannels : struct, IChannelCount
    {
        if (_epilogue.Scales)
        {
            if (_epilogue.Clamps) FixedChannelsInterior<T, TBlock, TChannels, SlopesThenClamp>(rows, destinationRow, c, mask);
            else FixedChannelsInterior<T, TBlock, TChannels, SlopesOnly>(rows, destinationRow, c, mask);
        }
        else if (_epilogue.Clamps) FixedChannelsInterior<T, TBlock, TChannels, ClampOnly>(rows, destinationRow, c, mask);
        else FixedChannelsInterior<T, TBlock, TChannels, NoActivation>(rows, destinationRow, c, mask);
    }

    /// <summary>The interior columns of one channel block. Never inlined, so its registers are its own.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private void FixedChannelsInterior<T, TBlock, TChannels, TActivation>(RowWindow rows, float* destinationRow, int c, T mask)
        where T : struct where TBlock : struct, IChannelBlock where TChannels : struct, IChannelCount where TActivation : struct, IActivationMode
    {
        const int pixelsPerPass = 2;
        int channels = TChannels.Value, padded = _paddedChannels;
        float* w = _weights.Pointer + c;
        T bias = VectorOps.Load<T>(_bias.Pointer + c);
        T w00 = VectorOps.Load<T>(w), w01 = VectorOps.Load<T>(w + padded), w02 = VectorOps.Load<T>(w + 2 * padded);
        T w10 = VectorOps.Load<T>(w + 3 * padded), w11 = VectorOps.Load<T>(w + 4 * padded), w12 = VectorOps.Load<T>(w + 5 * padded);
        T w20 = VectorOps.Load<T>(w + 6 * padded), w21 = VectorOps.Load<T>(w + 7 * padded), w22 = VectorOps.Load<T>(w + 8 * padded);
        var epilogue = _epilogue.At<T>(c);
        long x = (long)(rows.FirstInterior - _g.PadLeft) * channels + c;
        float* a0 = rows.Row0 + x, a1 = rows.Row1 + x, a2 = rows.Row2 + x;
        float* o = destinationRow + (long)rows.FirstInterior * channels + c;
        float* end = destinationRow + (long)rows.LastInterior * channels + c;
        if (typeof(T) == typeof(Vector256<float>) && typeof(TActivation) == typeof(NoActivation))
        {
            long swept = SixPixelSweep<TChannels>(a0, a1, a2, o, end, c);
            o += swept;
            a0 += swept;
            a1 += swept;
            a2 += swept;
        }
        if (typeof(T) == typeof(Vector256<float>))
        {
            // Four chains in flight, not two: with AVX2's 5-cycle multiply-add latency two chains
            // left an AMD core waiting on its small floating-point scheduler (nine weights, the
            // bias and four sums still fit 16 registers).
            for (; o + 3 * channels < end; o += 4 * channels, a0 += 4 * channels, a1 += 4 * channels, a2 += 4 * channels)
            {
                T p0 = bias, p1 = bias, p2 = bias, p3 = bias;
                (p0, p1, p2, p3) = FourPixelTaps<T, TBlock>(a0, channels, mask, w00, w01, w02, p0, p1, p2, p3);
                (p0, p1, p2, p3) = FourPixelTaps<T, TBlock>(a1, channels, mask, w10, w11, w12, p0, p1, p2, p3);
                (p0, p1, p2, p3) = FourPixelTaps<T, TBlock>(a2, channels, mask, w20, w21, w22, p0, p1, p2, p3);
                TBlock.Store(o, mask, epilogue.Finish<TActivation>(p0));
                TBlock.Store(o + channels, mask, epilogue.Finish<TActivation>(p1));
                TBlock.Store(o + 2 * channels, mask, epilogue.Finish<TActivation>(p2));
                TBlock.Store(o + 3 * channels, mask, epilogue.Finish<TActivation>(p3));
            }
        }
        for (; o + (pixelsPerPass - 1) * channels < end; o += pixelsPerPass * channels,
             a0 += pixelsPerPass * channels, a1 += pixelsPerPass * channels, a2 += pixelsPerPass * channels)
        {
            T acc = bias, next = bias;
            acc = VectorOps.MultiplyAdd(TBlock.Load(a0, mask), w00, acc);
            next = VectorOps.MultiplyAdd(TBlock.Load(a0 + channels, mask), w00, next);
            acc = VectorOps.MultiplyAdd(TBlock.Load(a0 + channels, mask), w01, acc);
            next = VectorOps.MultiplyAdd(TBlock.Load(a0 + 2 * channels, mask), w01, next);
            acc = VectorOps.MultiplyAdd(TBlock.Load(a0 + 2 * channels, mask), w02, acc);
            next = VectorOps.MultiplyAdd(TBlock.Load(a0 + 3 * channels, mask), w02, next);
            acc = VectorOps.MultiplyAdd(TBlock.Load(a1, mask), w10, acc);
            next = VectorOps.MultiplyAdd(TBlock.Load(a1 + channels, mask), w10, next);
            acc = VectorOps.MultiplyAdd(TBlock.Load(a1 + channels, mask), w11, acc);
            next = VectorOps.MultiplyAdd(TBlock.Load(a1 + 2 * channels, mask), w11, next);
            acc = VectorOps.MultiplyAdd(TBlock.Load(a1 + 2 * channels, mask), w12, acc);
            next = VectorOps.MultiplyAdd(TBlock.Load(a1 + 3 * channels, mask), w12, next);
            acc = VectorOps.MultiplyAdd(TBlock.Load(a2, mask), w20, acc);
            next = VectorOps.MultiplyAdd(TBlock.Load(a2 + channels, mask), w20, next);
            acc = VectorOps.MultiplyAdd(TBlock.Load(a2 + channels, mask), w21, acc);
            next = VectorOps.MultiplyAdd(TBlock.Load(a2 + 2 * channels, mask), w21, next);
            acc = VectorOps.MultiplyAdd(TBlock.Load(a2 + 2 * channels, mask), w22, acc);
            next = VectorOps.MultiplyAdd(TBlock.Load(a2 + 3 * channels, mask), w22, next);
            TBlock.Store(o, mask, epilogue.Finish<TActivation>(acc));
            TBlock.Store(o + channels, mask, epilogue.Finish<TActivation>(next));
        }
        if (o < end)
        {
            T acc = bias;
            acc = VectorOps.MultiplyAdd(TBlock.Load(a0, mask), w00, acc);
            acc = VectorOps.MultiplyAdd(TBlock.Load(a0 + channels, mask), w01, acc);
            acc = VectorOps.MultiplyAdd(TBlock.Load(a0 + 2 * channels, mask), w02, acc);
            acc = VectorOps.MultiplyAdd(TBlock.Load(a1, mask), w10, acc);
            acc = VectorOps.MultiplyAdd(TBlock.Load(a1 + channels, mask), w11, acc);
            acc = VectorOps.MultiplyAdd(TBlock.Load(a1 + 2 * channels, mask), w12, acc);
            acc = VectorOps.MultiplyAdd(TBlock.Load(a2, mask), w20, acc);
            acc = VectorOps.MultiplyAdd(TBlock.Load(a2 + channels, mask), w21, acc);
            acc = VectorOps.MultiplyAdd(TBlock.Load(a2 + 2 * channels, mask), w22, acc);
            TBlock.Store(o, mask, epilogue.Finish<TActivation>(acc));
        }
    }

    /// <summary>
    /// The interior columns of one 8-channel block on AVX2, six pixels per pass, for layers without
    /// an activation of their own (every depthwise layer of the landmark models and the short-range
    /// detector): six chains in flight cover the multiply-add latency with room to spare, and the
    /// nine weights, six sums and one input fill the 16 registers exactly, so this sweep has a
    /// method of its own (inlined into the row's, its registers spilled and the row ran 8x slower).
    /// Returns how far it got, in floats; the caller sweeps the rest four, two and one at a time.
    /// Depthwise halves of the 96x96x16 and 64x64x24 pairs: 4-5 % faster on AMD EPYC.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private long SixPixelSweep<TChannels>(float* a0, float* a1, float* a2, float* o, float* end, int c) where TChannels : struct, IChannelCount
    {
        int channels = TChannels.Value, padded = _paddedChannels;
        float* w = _weights.Pointer + c, bias = _bias.Pointer + c, start = o;
        Vector256<float> w00 = Vector256.Load(w), w01 = Vector256.Load(w + padded), w02 = Vector256.Load(w + 2 * padded);
        Vector256<float> w10 = Vector256.Load(w + 3 * padded), w11 = Vector256.Load(w + 4 * padded), w12 = Vector256.Load(w + 5 * padded);
        Vector256<float> w20 = Vector256.Load(w + 6 * padded), w21 = Vector256.Load(w + 7 * padded), w22 = Vector256.Load(w + 8 * padded);
        for (; o + 5 * channels < end; o += 6 * channels, a0 += 6 * channels, a1 += 6 * channels, a2 += 6 * channels)
        {
            Vector256<float> p0 = Vector256.Load(bias), p1 = p0, p2 = p0, p3 = p0, p4 = p0, p5 = p0;
            (p0, p1, p2, p3, p4, p5) = SixPixelTaps(a0, channels, w00, w01, w02, p0, p1, p2, p3, p4, p5);
            (p0, p1, p2, p3, p4, p5) = SixPixelTaps(a1, channels, w10, w11, w12, p0, p1, p2, p3, p4, p5);
            (p0, p1, p2, p3, p4, p5) = SixPixelTaps(a2, channels, w20, w21, w22, p0, p1, p2, p3, p4, p5);
            p0.Store(o);
            p1.Store(o + channels);
            p2.Store(o + 2 * channels);
            p3.Store(o + 3 * channels);
            p4.Store(o + 4 * channels);
            p5.Store(o + 5 * channels);
        }
        return o - start;
    }

    /// <summary>
    /// One filter row's taps for six neighbouring pixels: each of the eight inputs under them is
    /// loaded once and feeds the up to three sums it belongs to; each sum still takes the row's
    /// taps left to right.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector256<float>, Vector256<float>, Vector256<float>, Vector256<float>, Vector256<float>, Vector256<float>) SixPixelTaps(
        float* a, int channels, Vector256<float> left, Vector256<float> middle, Vector256<float> right,
        Vector256<float> p0, Vector256<float> p1, Vector256<float> p2, Vector256<float> p3, Vector256<float> p4, Vector256<float> p5)
    {
        Vector256<float> x = Vector256.Load(a);
        p0 = VectorOps.MultiplyAdd(x, left, p0);
        x = Vector256.Load(a + channels);
        p0 = VectorOps.MultiplyAdd(x, middle, p0); p1 = VectorOps.MultiplyAdd(x, left, p1);
        x = Vector256.Load(a + 2 * channels);
        p0 = VectorOps.MultiplyAdd(x, right, p0); p1 = VectorOps.MultiplyAdd(x, middle, p1); p2 = VectorOps.MultiplyAdd(x, left, p2);
        x = Vector256.Load(a + 3 * channels);
        p1 = VectorOps.MultiplyAdd(x, right, p1); p2 = VectorOps.MultiplyAdd(x, middle, p2); p3 = VectorOps.MultiplyAdd(x, left, p3);
        x = Vector256.Load(a + 4 * channels);
        p2 = VectorOps.MultiplyAdd(x, right, p2); p3 = VectorOps.MultiplyAdd(x, middle, p3); p4 = VectorOps.MultiplyAdd(x, left, p4);
        x = Vector256.Load(a + 5 * channels);
        p3 = VectorOps.MultiplyAdd(x, right, p3); p4 = VectorOps.MultiplyAdd(x, middle, p4); p5 = VectorOps.MultiplyAdd(x, left, p5);
        x = Vector256.Load(a + 6 * channels);
        p4 = VectorOps.MultiplyAdd(x, right, p4); p5 = VectorOps.MultiplyAdd(x, middle, p5);
        p5 = VectorOps.MultiplyAdd(Vector256.Load(a + 7 * channels), right, p5);
        return (p0, p1, p2, p3, p4, p5);
    }

    /// <summary>A channel count fixed at JIT time.</summary>
    private interface IChannelCount
    {
        static abstract int Value { get; }
    }

    private readonly struct SixteenChannels : IChannelCount
    {
        public const int Count = 16;
        public static int Value => Count;
    }

    private readonly struct TwentyFourChannels : IChannelCount
    {
        public const int Count = 24;
        public static int Value => Count;
    }

    private readonly struct ThirtyTwoChannels : IChannelCount
    {
        public const int Count = 32;
        public static int Value => Count;
    }
}
