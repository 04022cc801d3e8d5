using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace FaceMesh.Runtime.Kernels;

/// <summary>
/// The depthwise half on channel planes: one channel, four output rows, two 16-pixel columns at
/// a time. Each of the six input rows under the band is loaded once per column at its three
/// horizontal offsets and feeds every output row it lies under, so a load serves up to three
/// multiply-adds, and eight independent chains cover the multiply-add latency. Input rows are
/// taken top to bottom and offsets left to right, so each output adds its taps in filter order.
/// </summary>
internal sealed unsafe partial class ChannelPlanePair
{
    /// <param name="rows">The six input rows' plane sets, from the row above the band; each at its first pixel.</param>
    /// <param name="plane">The channel's offset within a plane set.</param>
    /// <param name="w">The channel's nine taps.</param>
    /// <param name="destination">The channel's band plane: four rows of <paramref name="width"/> pixels.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void DepthwiseColumns(float** rows, int plane, float* w, float bias, float* destination, int width)
    {
        Vector512<float> w00 = Vector512.Create(w[0]), w01 = Vector512.Create(w[1]), w02 = Vector512.Create(w[2]);
        Vector512<float> w10 = Vector512.Create(w[3]), w11 = Vector512.Create(w[4]), w12 = Vector512.Create(w[5]);
        Vector512<float> w20 = Vector512.Create(w[6]), w21 = Vector512.Create(w[7]), w22 = Vector512.Create(w[8]);
        Vector512<float> b = Vector512.Create(bias);
        float* r0 = rows[0] + plane, r1 = rows[1] + plane, r2 = rows[2] + plane;
        float* r3 = rows[3] + plane, r4 = rows[4] + plane, r5 = rows[5] + plane;
        for (int x = 0; x < width; x += TilePixels)
        {
            Vector512<float> a0 = b, a1 = b, a2 = b, a3 = b; // output rows 0..3, pixels x..x+15
            Vector512<float> e0 = b, e1 = b, e2 = b, e3 = b; // the same rows, pixels x+16..x+31
            var row = new ColumnPair(r0 + x);
            row.Taps(w00, w01, w02, ref a0, ref e0);
            row = new ColumnPair(r1 + x);
            row.Taps(w10, w11, w12, ref a0, ref e0);
            row.Taps(w00, w01, w02, ref a1, ref e1);
            row = new ColumnPair(r2 + x);
            row.Taps(w20, w21, w22, ref a0, ref e0);
            row.Taps(w10, w11, w12, ref a1, ref e1);
            row.Taps(w00, w01, w02, ref a2, ref e2);
            row = new ColumnPair(r3 + x);
            row.Taps(w20, w21, w22, ref a1, ref e1);
            row.Taps(w10, w11, w12, ref a2, ref e2);
            row.Taps(w00, w01, w02, ref a3, ref e3);
            row = new ColumnPair(r4 + x);
            row.Taps(w20, w21, w22, ref a2, ref e2);
            row.Taps(w10, w11, w12, ref a3, ref e3);
            row = new ColumnPair(r5 + x);
            row.Taps(w20, w21, w22, ref a3, ref e3);
            float* d = destination + x;
            a0.Store(d); e0.Store(d + Lanes);
            a1.Store(d + width); e1.Store(d + width + Lanes);
            a2.Store(d + 2 * width); e2.Store(d + 2 * width + Lanes);
            a3.Store(d + 3 * width); e3.Store(d + 3 * width + Lanes);
        }
    }

    /// <summary>
    /// Two neighbouring 16-pixel columns of one input row, each at the three offsets the filter
    /// row reads: four aligned loads (the margin before the row and the one after it are zeros)
    /// and in-register shifts by one lane, where loads at one float off ran across cache lines
    /// and the 64x64 depthwise halves took 0.004 ms more each.
    /// </summary>
    private readonly struct ColumnPair
    {
        private readonly Vector512<float> _left, _middle, _right, _nextLeft, _nextMiddle, _nextRight;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public ColumnPair(float* a)
        {
            Vector512<float> previous = Vector512.Load(a - Lanes), next = Vector512.Load(a + 2 * Lanes);
            _middle = Vector512.Load(a);
            _nextMiddle = Vector512.Load(a + Lanes);
            _left = Avx512F.AlignRight32(_middle.AsUInt32(), previous.AsUInt32(), Lanes - 1).AsSingle();
            _right = Avx512F.AlignRight32(_nextMiddle.AsUInt32(), _middle.AsUInt32(), 1).AsSingle();
            _nextLeft = Avx512F.AlignRight32(_nextMiddle.AsUInt32(), _middle.AsUInt32(), Lanes - 1).AsSingle();
            _nextRight = Avx512F.AlignRight32(next.AsUInt32(), _nextMiddle.AsUInt32(), 1).AsSingle();
        }

        /// <summary>One filter row's three taps, left to right, for both columns of one output row.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Taps(Vector512<float> left, Vector512<float> middle, Vector512<float> right, ref Vector512<float> low, ref Vector512<float> high)
        {
            low = Vector512.FusedMultiplyAdd(_left, left, low);
            high = Vector512.FusedMultiplyAdd(_nextLeft, left, high);
            low = Vector512.FusedMultiplyAdd(_middle, middle, low);
            high = Vector512.FusedMultiplyAdd(_nextMiddle, middle, high);
            low = Vector512.FusedMultiplyAdd(_right, right, low);
            high = Vector512.FusedMultiplyAdd(_nextRight, right, high);
        }
    }
}
