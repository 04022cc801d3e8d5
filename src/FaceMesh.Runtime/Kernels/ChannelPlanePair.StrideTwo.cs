using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace FaceMesh.Runtime.Kernels;

/// <summary>
/// The depthwise half of a stride-2 block on channel planes (the short-range detector's 64x64x28
/// -> 32x32 one): one channel, four output rows, two 16-pixel output columns at a time, from the
/// nine input rows under them. An output pixel reads input columns 2x, 2x+1 and 2x+2, so each
/// input row's 64 columns are split into even and odd ones in registers (two-table permutes),
/// and the right-hand tap is the even columns moved on by one. The rows shared by two output
/// rows are split once for both. Input rows are taken top to bottom and taps left to right, so
/// each output adds its taps in filter order; the column and row after the image read the
/// layout's zeros, where the channels-in-lanes path leaves those taps out.
/// </summary>
internal sealed unsafe partial class ChannelPlanePair
{
    private static Vector512<int> NextColumns => Vector512.Create(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16);

    /// <param name="rows">The nine input rows' plane sets, from the band's first output row's first input row; each at its first pixel.</param>
    /// <param name="plane">The channel's offset within a plane set.</param>
    /// <param name="w">The channel's nine taps.</param>
    /// <param name="destination">The channel's band plane: four rows of <paramref name="width"/> output pixels.</param>
    /// <param name="pool">Where the 2x2 maxima of the channel's input go, laid out as <paramref name="destination"/>; null when not pooled.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void DepthwiseColumnsStrideTwo(float** rows, int plane, float* w, float bias, float* destination, int width, float* pool, in PoolClamp clamp)
    {
        for (int x = 0; x < width; x += TilePixels)
        {
            DepthwiseBlocksStrideTwo(rows, plane + 2 * x, TilePixels, w, w, bias, bias, destination + x, destination + x + Lanes, width,
                pool is null ? null : pool + x, pool is null ? null : pool + x + Lanes, clamp);
        }
    }

    /// <summary>
    /// <see cref="DepthwiseColumnsStrideTwo"/> for output rows of 16 pixels (32 input columns): one
    /// block per row, so two channels at a time.
    /// </summary>
    /// <param name="plane">The first channel's offset within a plane set; the second is <paramref name="channelStride"/> further.</param>
    /// <param name="w">The two channels' nine taps each.</param>
    /// <param name="bias">The two channels' biases.</param>
    /// <param name="destination">The first channel's band plane; the second's is <paramref name="bandPixels"/> further.</param>
    private static void DepthwiseNarrowStrideTwo(float** rows, int plane, int channelStride, float* w, float* bias, float* destination, int bandPixels,
        float* pool, in PoolClamp clamp) =>
        DepthwiseBlocksStrideTwo(rows, plane, channelStride, w, w + 9, bias[0], bias[1], destination, destination + bandPixels, Lanes,
            pool, pool is null ? null : pool + bandPixels, clamp);

    /// <summary>
    /// Four output rows of two blocks of 16 output pixels: neighbours in one channel, or one block
    /// each of two channels. Eight independent chains cover the multiply-add latency.
    /// </summary>
    /// <param name="offset">The first block's offset within a plane set, at its first input column.</param>
    /// <param name="secondOffset">Floats from the first block's input to the second's.</param>
    /// <param name="destination">The first block's output row 0; rows are <paramref name="width"/> apart.</param>
    /// <param name="pool">Where the first block's 2x2 input maxima go, as <paramref name="destination"/>; null for none.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void DepthwiseBlocksStrideTwo(float** rows, int offset, int secondOffset, float* w, float* secondW, float bias, float secondBias,
        float* destination, float* secondDestination, int width, float* pool, float* secondPool, in PoolClamp clamp)
    {
        // The taps are broadcast from memory by each multiply-add: with nine weights in registers the
        // split rows and accumulators no longer fit the 32 registers, and the sweep spilled.
        float* top = w, middle = w + 3, bottom = w + 6;
        float* secondTop = secondW, secondMiddle = secondW + 3, secondBottom = secondW + 6;
        var split = new ColumnSplit(ChannelPlaneLayout.EvenColumns, ChannelPlaneLayout.OddColumns, NextColumns);
        Vector512<float> b = Vector512.Create(bias), n = Vector512.Create(secondBias);
        Vector512<float> a0 = b, a1 = b, a2 = b, a3 = b; // output rows 0..3 of the first block
        Vector512<float> e0 = n, e1 = n, e2 = n, e3 = n; // of the second
        var row = new ParityColumns(rows[0] + offset, secondOffset, split);
        row.Taps(top, secondTop, ref a0, ref e0);
        var even = row;
        row = new ParityColumns(rows[1] + offset, secondOffset, split);
        row.Taps(middle, secondMiddle, ref a0, ref e0);
        if (pool is not null) clamp.Store(even, row, pool, secondPool);
        row = new ParityColumns(rows[2] + offset, secondOffset, split);
        row.Taps(bottom, secondBottom, ref a0, ref e0);
        row.Taps(top, secondTop, ref a1, ref e1);
        even = row;
        row = new ParityColumns(rows[3] + offset, secondOffset, split);
        row.Taps(middle, secondMiddle, ref a1, ref e1);
        if (pool is not null) clamp.Store(even, row, pool + width, secondPool + width);
        row = new ParityColumns(rows[4] + offset, secondOffset, split);
        row.Taps(bottom, secondBottom, ref a1, ref e1);
        row.Taps(top, secondTop, ref a2, ref e2);
        even = row;
        row = new ParityColumns(rows[5] + offset, secondOffset, split);
        row.Taps(middle, secondMiddle, ref a2, ref e2);
        if (pool is not null) clamp.Store(even, row, pool + 2 * width, secondPool + 2 * width);
        row = new ParityColumns(rows[6] + offset, secondOffset, split);
        row.Taps(bottom, secondBottom, ref a2, ref e2);
        row.Taps(top, secondTop, ref a3, ref e3);
        even = row;
        row = new ParityColumns(rows[7] + offset, secondOffset, split);
        row.Taps(middle, secondMiddle, ref a3, ref e3);
        if (pool is not null) clamp.Store(even, row, pool + 3 * width, secondPool + 3 * width);
        row = new ParityColumns(rows[8] + offset, secondOffset, split);
        row.Taps(bottom, secondBottom, ref a3, ref e3);
        a0.Store(destination); e0.Store(secondDestination);
        a1.Store(destination + width); e1.Store(secondDestination + width);
        a2.Store(destination + 2 * width); e2.Store(secondDestination + 2 * width);
        a3.Store(destination + 3 * width); e3.Store(secondDestination + 3 * width);
    }

    /// <summary>The permute indices, loaded once per sweep: read inside it, the JIT stopped inlining them after a few rows.</summary>
    private readonly struct ColumnSplit(Vector512<int> even, Vector512<int> odd, Vector512<int> next)
    {
        public Vector512<int> Even { get; } = even;
        public Vector512<int> Odd { get; } = odd;
        public Vector512<int> Next { get; } = next;
    }

    /// <summary>
    /// Two blocks of 32 input columns of one row (neighbours, or the same columns of two
    /// channels) as the three taps of 16 stride-2 output pixels each: even columns (left taps),
    /// odd columns (middle taps) and even columns from the next one on (right taps).
    /// </summary>
    private readonly struct ParityColumns
    {
        private readonly Vector512<float> _left, _middle, _right, _nextLeft, _nextMiddle, _nextRight;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public ParityColumns(float* a, int secondOffset, in ColumnSplit split)
        {
            float* b = a + secondOffset;
            Vector512<float> p0 = Vector512.Load(a), p1 = Vector512.Load(a + Lanes);
            Vector512<float> p2 = Vector512.Load(b), p3 = Vector512.Load(b + Lanes);
            _left = Avx512F.PermuteVar16x32x2(p0, split.Even, p1);
            _middle = Avx512F.PermuteVar16x32x2(p0, split.Odd, p1);
            _nextLeft = Avx512F.PermuteVar16x32x2(p2, split.Even, p3);
            _nextMiddle = Avx512F.PermuteVar16x32x2(p2, split.Odd, p3);
            // Column 32 of a block is the next block's first, or past the row's end the next plane row's zero margin.
            _right = Avx512F.PermuteVar16x32x2(_left, split.Next, Vector512.Create(a[2 * Lanes]));
            _nextRight = Avx512F.PermuteVar16x32x2(_nextLeft, split.Next, Vector512.Create(b[2 * Lanes]));
        }

        public Vector512<float> Left => _left;
        public Vector512<float> Middle => _middle;
        public Vector512<float> NextLeft => _nextLeft;
        public Vector512<float> NextMiddle => _nextMiddle;

        /// <summary>One filter row's three taps, left to right, for one output row of the first block (<paramref name="w"/>) and the second.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Taps(float* w, float* secondW, ref Vector512<float> low, ref Vector512<float> high)
        {
            low = Vector512.FusedMultiplyAdd(_left, Vector512.Create(w[0]), low);
            high = Vector512.FusedMultiplyAdd(_nextLeft, Vector512.Create(secondW[0]), high);
            low = Vector512.FusedMultiplyAdd(_middle, Vector512.Create(w[1]), low);
            high = Vector512.FusedMultiplyAdd(_nextMiddle, Vector512.Create(secondW[1]), high);
            low = Vector512.FusedMultiplyAdd(_right, Vector512.Create(w[2]), low);
            high = Vector512.FusedMultiplyAdd(_nextRight, Vector512.Create(secondW[2]), high);
        }
    }

    /// <summary>A 2x2 stride-2 max pool taken from the split columns of two input rows, exactly as <see cref="MaxPool2DKernel"/> takes it on planes.</summary>
    private readonly struct PoolClamp(ActivationRange range)
    {
        private readonly Vector512<float> _low = Vector512.Create(range.Min), _high = Vector512.Create(range.Max);

        /// <summary>Both blocks' maxima over input rows <paramref name="top"/> and <paramref name="bottom"/>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Store(in ParityColumns top, in ParityColumns bottom, float* pool, float* secondPool)
        {
            MaxPool2DKernel.WindowMaximum(top.Left, top.Middle, bottom.Left, bottom.Middle, _low, _high).Store(pool);
            MaxPool2DKernel.WindowMaximum(top.NextLeft, top.NextMiddle, bottom.NextLeft, bottom.NextMiddle, _low, _high).Store(secondPool);
        }
    }
}
