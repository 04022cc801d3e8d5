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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void DepthwiseColumnsStrideTwo(float** rows, int plane, float* w, float bias, float* destination, int width)
    {
        // The taps are broadcast from memory by each multiply-add: with nine weights in registers the
        // split rows and accumulators no longer fit the 32 registers, and the sweep spilled.
        float* top = w, middle = w + 3, bottom = w + 6;
        Vector512<float> b = Vector512.Create(bias);
        var split = new ColumnSplit(ChannelPlaneLayout.EvenColumns, ChannelPlaneLayout.OddColumns, NextColumns);
        for (int x = 0; x < width; x += TilePixels)
        {
            int column = 2 * x;
            Vector512<float> a0 = b, a1 = b, a2 = b, a3 = b; // output rows 0..3, pixels x..x+15
            Vector512<float> e0 = b, e1 = b, e2 = b, e3 = b; // the same rows, pixels x+16..x+31
            var row = new ParityColumns(rows[0] + plane + column, split);
            row.Taps(top, ref a0, ref e0);
            row = new ParityColumns(rows[1] + plane + column, split);
            row.Taps(middle, ref a0, ref e0);
            row = new ParityColumns(rows[2] + plane + column, split);
            row.Taps(bottom, ref a0, ref e0);
            row.Taps(top, ref a1, ref e1);
            row = new ParityColumns(rows[3] + plane + column, split);
            row.Taps(middle, ref a1, ref e1);
            row = new ParityColumns(rows[4] + plane + column, split);
            row.Taps(bottom, ref a1, ref e1);
            row.Taps(top, ref a2, ref e2);
            row = new ParityColumns(rows[5] + plane + column, split);
            row.Taps(middle, ref a2, ref e2);
            row = new ParityColumns(rows[6] + plane + column, split);
            row.Taps(bottom, ref a2, ref e2);
            row.Taps(top, ref a3, ref e3);
            row = new ParityColumns(rows[7] + plane + column, split);
            row.Taps(middle, ref a3, ref e3);
            row = new ParityColumns(rows[8] + plane + column, split);
            row.Taps(bottom, ref a3, ref e3);
            float* d = destination + x;
            a0.Store(d); e0.Store(d + Lanes);
            a1.Store(d + width); e1.Store(d + width + Lanes);
            a2.Store(d + 2 * width); e2.Store(d + 2 * width + Lanes);
            a3.Store(d + 3 * width); e3.Store(d + 3 * width + Lanes);
        }
    }

    /// <summary>
    /// <see cref="DepthwiseColumnsStrideTwo"/> for output rows of 16 pixels (32 input columns): one
    /// column per row, so two channels at a time, whose eight chains cover the multiply-add latency.
    /// </summary>
    /// <param name="plane">The first channel's offset within a plane set; the second is <paramref name="channelStride"/> further.</param>
    /// <param name="w">The two channels' nine taps each.</param>
    /// <param name="bias">The two channels' biases.</param>
    /// <param name="destination">The first channel's band plane; the second's is <paramref name="bandPixels"/> further.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void DepthwiseNarrowStrideTwo(float** rows, int plane, int channelStride, float* w, float* bias, float* destination, int bandPixels)
    {
        float* top = w, middle = w + 3, bottom = w + 6;
        float* nextTop = w + 9, nextMiddle = w + 12, nextBottom = w + 15;
        var split = new ColumnSplit(ChannelPlaneLayout.EvenColumns, ChannelPlaneLayout.OddColumns, NextColumns);
        Vector512<float> b = Vector512.Create(bias[0]), n = Vector512.Create(bias[1]);
        Vector512<float> a0 = b, a1 = b, a2 = b, a3 = b; // output rows 0..3 of the first channel
        Vector512<float> e0 = n, e1 = n, e2 = n, e3 = n; // of the second
        var row = new ParityColumnPair(rows[0] + plane, channelStride, split);
        row.Taps(top, nextTop, ref a0, ref e0);
        row = new ParityColumnPair(rows[1] + plane, channelStride, split);
        row.Taps(middle, nextMiddle, ref a0, ref e0);
        row = new ParityColumnPair(rows[2] + plane, channelStride, split);
        row.Taps(bottom, nextBottom, ref a0, ref e0);
        row.Taps(top, nextTop, ref a1, ref e1);
        row = new ParityColumnPair(rows[3] + plane, channelStride, split);
        row.Taps(middle, nextMiddle, ref a1, ref e1);
        row = new ParityColumnPair(rows[4] + plane, channelStride, split);
        row.Taps(bottom, nextBottom, ref a1, ref e1);
        row.Taps(top, nextTop, ref a2, ref e2);
        row = new ParityColumnPair(rows[5] + plane, channelStride, split);
        row.Taps(middle, nextMiddle, ref a2, ref e2);
        row = new ParityColumnPair(rows[6] + plane, channelStride, split);
        row.Taps(bottom, nextBottom, ref a2, ref e2);
        row.Taps(top, nextTop, ref a3, ref e3);
        row = new ParityColumnPair(rows[7] + plane, channelStride, split);
        row.Taps(middle, nextMiddle, ref a3, ref e3);
        row = new ParityColumnPair(rows[8] + plane, channelStride, split);
        row.Taps(bottom, nextBottom, ref a3, ref e3);
        a0.Store(destination); a1.Store(destination + Lanes); a2.Store(destination + 2 * Lanes); a3.Store(destination + 3 * Lanes);
        float* second = destination + bandPixels;
        e0.Store(second); e1.Store(second + Lanes); e2.Store(second + 2 * Lanes); e3.Store(second + 3 * Lanes);
    }

    /// <summary>32 input columns of one row of two channels as the three taps of 16 stride-2 output pixels each (<see cref="ParityColumns"/>, one block).</summary>
    private readonly struct ParityColumnPair
    {
        private readonly Vector512<float> _left, _middle, _right, _nextLeft, _nextMiddle, _nextRight;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public ParityColumnPair(float* a, int channelStride, in ColumnSplit split)
        {
            float* b = a + channelStride;
            Vector512<float> p0 = Vector512.Load(a), p1 = Vector512.Load(a + Lanes), q0 = Vector512.Load(b), q1 = Vector512.Load(b + Lanes);
            _left = Avx512F.PermuteVar16x32x2(p0, split.Even, p1);
            _middle = Avx512F.PermuteVar16x32x2(p0, split.Odd, p1);
            _nextLeft = Avx512F.PermuteVar16x32x2(q0, split.Even, q1);
            _nextMiddle = Avx512F.PermuteVar16x32x2(q0, split.Odd, q1);
            // Column 32 is past the row's end: the next plane row's zero margin.
            _right = Avx512F.PermuteVar16x32x2(_left, split.Next, Vector512.Create(a[2 * Lanes]));
            _nextRight = Avx512F.PermuteVar16x32x2(_nextLeft, split.Next, Vector512.Create(b[2 * Lanes]));
        }

        /// <summary>One filter row's three taps, left to right, for one output row of the first channel (<paramref name="w"/>) and the second.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Taps(float* w, float* nextW, ref Vector512<float> first, ref Vector512<float> second)
        {
            first = Vector512.FusedMultiplyAdd(_left, Vector512.Create(w[0]), first);
            second = Vector512.FusedMultiplyAdd(_nextLeft, Vector512.Create(nextW[0]), second);
            first = Vector512.FusedMultiplyAdd(_middle, Vector512.Create(w[1]), first);
            second = Vector512.FusedMultiplyAdd(_nextMiddle, Vector512.Create(nextW[1]), second);
            first = Vector512.FusedMultiplyAdd(_right, Vector512.Create(w[2]), first);
            second = Vector512.FusedMultiplyAdd(_nextRight, Vector512.Create(nextW[2]), second);
        }
    }

    /// <summary>The permute indices, loaded once per sweep: read inside it, the JIT stopped inlining them after a few rows.</summary>
    private readonly struct ColumnSplit(Vector512<int> even, Vector512<int> odd, Vector512<int> next)
    {
        public Vector512<int> Even { get; } = even;
        public Vector512<int> Odd { get; } = odd;
        public Vector512<int> Next { get; } = next;
    }

    /// <summary>
    /// 64 input columns of one row as the three taps of 32 stride-2 output pixels: even columns
    /// (left taps), odd columns (middle taps) and even columns from the next one on (right taps).
    /// </summary>
    private readonly struct ParityColumns
    {
        private readonly Vector512<float> _left, _middle, _right, _nextLeft, _nextMiddle, _nextRight;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public ParityColumns(float* a, in ColumnSplit split)
        {
            Vector512<float> p0 = Vector512.Load(a), p1 = Vector512.Load(a + Lanes);
            Vector512<float> p2 = Vector512.Load(a + 2 * Lanes), p3 = Vector512.Load(a + 3 * Lanes);
            _left = Avx512F.PermuteVar16x32x2(p0, split.Even, p1);
            _middle = Avx512F.PermuteVar16x32x2(p0, split.Odd, p1);
            _nextLeft = Avx512F.PermuteVar16x32x2(p2, split.Even, p3);
            _nextMiddle = Avx512F.PermuteVar16x32x2(p2, split.Odd, p3);
            // Column 64 is the next block's first, or past the row's end the next plane row's zero margin.
            _right = Avx512F.PermuteVar16x32x2(_left, split.Next, _nextLeft);
            _nextRight = Avx512F.PermuteVar16x32x2(_nextLeft, split.Next, Vector512.Create(a[4 * Lanes]));
        }

        /// <summary>One filter row's three taps <paramref name="w"/>, left to right, for both columns of one output row.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Taps(float* w, ref Vector512<float> low, ref Vector512<float> high)
        {
            low = Vector512.FusedMultiplyAdd(_left, Vector512.Create(w[0]), low);
            high = Vector512.FusedMultiplyAdd(_nextLeft, Vector512.Create(w[0]), high);
            low = Vector512.FusedMultiplyAdd(_middle, Vector512.Create(w[1]), low);
            high = Vector512.FusedMultiplyAdd(_nextMiddle, Vector512.Create(w[1]), high);
            low = Vector512.FusedMultiplyAdd(_right, Vector512.Create(w[2]), low);
            high = Vector512.FusedMultiplyAdd(_nextRight, Vector512.Create(w[2]), high);
        }
    }
}
