using System.Runtime.CompilerServices;

namespace FaceMesh.Runtime.Kernels;

/// <summary>
/// 1x1 layers over 8, 16, 24, 32, 36, 42, 48, 56, 64, 72, 80, 88, 96 or 128 input channels (the input
/// widths of the models' separable blocks and heads; 8 is the full-range detector's widening 96x96
/// blocks, 8->32, whose 1x1 half ran at 45 % of the AVX2 peak on Zen 2 through the general tile,
/// each pair 0.138-0.147 -> 0.129-0.131 ms in the model): the input channel count is a JIT-time
/// constant, so a tile's six input pixels are fixed displacements from one pointer that steps two
/// channels at a time. With the count read at run time each broadcast multiply-add addressed its
/// pixel through an index register, and the per-tile call set up pointers, bias and stores again;
/// at 16 inputs that overhead made the 1x1 half of the 96x96 pair twice its multiply-add time
/// (wider inputs gain less: 2-8 % per pair). Sums are the general tile's, in its order (one chain
/// per vector of a two-vector panel; even and odd input channels apart in a one-vector panel, then
/// added), so results are bit-identical.
/// </summary>
internal sealed unsafe partial class PointwiseRun
{
    /// <summary>
    /// Whether the sweeps here take this layer: every count listed, on both paths. The short-range
    /// detector's 16x16 and 8x8 blocks (42 to 96 inputs) gain 1-5 % each on the 512-bit path. On
    /// the 256-bit path the wider counts ran 1.5-3 % slower than the general tile (32, 36) or no
    /// faster (64, 128) while each store was a tree of partial-vector branches; with whole-vector
    /// stores they gain 2-3.5 % (AMD EPYC: 36->42, 72->80, 80->88, 32->32 and 64->64 pairs).
    /// </summary>
    private bool HasFixedInputs => _cin is Eight.Count or Sixteen.Count or TwentyFour.Count or ThirtyTwo.Count or ThirtySix.Count or FortyTwo.Count
        or FortyEight.Count or FiftySix.Count or SixtyFour.Count or SeventyTwo.Count or Eighty.Count or EightyEight.Count
        or NinetySix.Count or OneHundredTwentyEight.Count;

    private void RunFixedInputs<T, TResidual, TActivation>(float* input, float* output, float* shortcut, int first, int end)
        where T : struct where TResidual : struct, IResidualMode where TActivation : struct, IActivationMode
    {
        if (_cin == Eight.Count) RunFixedInputs<T, TResidual, TActivation, Eight>(input, output, shortcut, first, end);
        else if (_cin == Sixteen.Count) RunFixedInputs<T, TResidual, TActivation, Sixteen>(input, output, shortcut, first, end);
        else if (_cin == TwentyFour.Count) RunFixedInputs<T, TResidual, TActivation, TwentyFour>(input, output, shortcut, first, end);
        else if (_cin == ThirtyTwo.Count) RunFixedInputs<T, TResidual, TActivation, ThirtyTwo>(input, output, shortcut, first, end);
        else if (_cin == ThirtySix.Count) RunFixedInputs<T, TResidual, TActivation, ThirtySix>(input, output, shortcut, first, end);
        else if (_cin == FortyTwo.Count) RunFixedInputs<T, TResidual, TActivation, FortyTwo>(input, output, shortcut, first, end);
        else if (_cin == FortyEight.Count) RunFixedInputs<T, TResidual, TActivation, FortyEight>(input, output, shortcut, first, end);
        else if (_cin == FiftySix.Count) RunFixedInputs<T, TResidual, TActivation, FiftySix>(input, output, shortcut, first, end);
        else if (_cin == SixtyFour.Count) RunFixedInputs<T, TResidual, TActivation, SixtyFour>(input, output, shortcut, first, end);
        else if (_cin == SeventyTwo.Count) RunFixedInputs<T, TResidual, TActivation, SeventyTwo>(input, output, shortcut, first, end);
        else if (_cin == Eighty.Count) RunFixedInputs<T, TResidual, TActivation, Eighty>(input, output, shortcut, first, end);
        else if (_cin == EightyEight.Count) RunFixedInputs<T, TResidual, TActivation, EightyEight>(input, output, shortcut, first, end);
        else if (_cin == NinetySix.Count) RunFixedInputs<T, TResidual, TActivation, NinetySix>(input, output, shortcut, first, end);
        else RunFixedInputs<T, TResidual, TActivation, OneHundredTwentyEight>(input, output, shortcut, first, end);
    }

    private void RunFixedInputs<T, TResidual, TActivation, TInputs>(float* input, float* output, float* shortcut, int first, int end)
        where T : struct where TResidual : struct, IResidualMode where TActivation : struct, IActivationMode where TInputs : struct, IInputCount
    {
        int panels = VectorPanels, panelWidth = _layout.PanelWidth, lanes = VectorOps.Count<T>();
        for (int panel = 0; panel < panels; panel++)
        {
            int column = panel * panelWidth, width = Math.Min(panelWidth, _cout - column);
            float* weights = _layout.Weights.Pointer + (long)panel * TInputs.Value * panelWidth;
            bool whole = StoresWholeVectors(column, width, lanes);
            if (width > lanes)
            {
                if (whole)
                    SixByTwoSweep<T, TResidual, TActivation, TInputs, WholeChannelStore<T, TResidual, TActivation>, WholeChannelStore<T, TResidual, TActivation>>(
                        input, output, shortcut, weights, column, width, first, end);
                else if (StoresWholeVectors(column, lanes, lanes))
                    SixByTwoSweep<T, TResidual, TActivation, TInputs, WholeChannelStore<T, TResidual, TActivation>, ChannelStore<T, TResidual, TActivation>>(
                        input, output, shortcut, weights, column, width, first, end);
                else
                    SixByTwoSweep<T, TResidual, TActivation, TInputs, ChannelStore<T, TResidual, TActivation>, ChannelStore<T, TResidual, TActivation>>(
                        input, output, shortcut, weights, column, width, first, end);
            }
            else if (whole) SixByOneSweep<T, TResidual, TActivation, TInputs, WholeChannelStore<T, TResidual, TActivation>>(input, output, shortcut, weights, column, width, first, end);
            else SixByOneSweep<T, TResidual, TActivation, TInputs, ChannelStore<T, TResidual, TActivation>>(input, output, shortcut, weights, column, width, first, end);
        }
    }

    /// <summary>
    /// Every whole tile of a two-vector panel: <see cref="SixByTwo{T, TResidual, TActivation, TLow, TUpper}"/>'s sums.
    /// Never inlined: with tiered compilation the caller's rejit inlined the sweeps, and the
    /// accumulators spilled (the 96x96 pair ran 2-5x slower).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private void SixByTwoSweep<T, TResidual, TActivation, TInputs, TLow, TUpper>(float* input, float* output, float* shortcut, float* weights,
        int column, int width, int first, int end)
        where T : struct where TResidual : struct, IResidualMode where TActivation : struct, IActivationMode where TInputs : struct, IInputCount
        where TLow : struct, IChannelStore<T, TLow> where TUpper : struct, IChannelStore<T, TUpper>
    {
        const int pair = 2;
        int cin = TInputs.Value, cout = _cout, rs = _shortcutStride, lanes = VectorOps.Count<T>();
        T b0 = VectorOps.Load<T>(_layout.Bias.Pointer + column), b1 = VectorOps.Load<T>(_layout.Bias.Pointer + column + lanes);
        var low = TLow.At(_layout, column, lanes);
        var upper = TUpper.At(_layout, column + lanes, width - lanes);
        for (int pixel = first; pixel < end; pixel += Group)
        {
            T c00 = b0, c01 = b1, c10 = b0, c11 = b1, c20 = b0, c21 = b1;
            T c30 = b0, c31 = b1, c40 = b0, c41 = b1, c50 = b0, c51 = b1;
            float* a = input + (long)pixel * cin, w = weights;
            for (float* last = a + cin; a < last; a += pair, w += pair * 2 * lanes)
            {
                T w0 = VectorOps.Load<T>(w), w1 = VectorOps.Load<T>(w + lanes);
                T x = VectorOps.Broadcast<T>(a[0]);
                c00 = VectorOps.MultiplyAdd(x, w0, c00); c01 = VectorOps.MultiplyAdd(x, w1, c01);
                x = VectorOps.Broadcast<T>(a[cin]);
                c10 = VectorOps.MultiplyAdd(x, w0, c10); c11 = VectorOps.MultiplyAdd(x, w1, c11);
                x = VectorOps.Broadcast<T>(a[2 * cin]);
                c20 = VectorOps.MultiplyAdd(x, w0, c20); c21 = VectorOps.MultiplyAdd(x, w1, c21);
                x = VectorOps.Broadcast<T>(a[3 * cin]);
                c30 = VectorOps.MultiplyAdd(x, w0, c30); c31 = VectorOps.MultiplyAdd(x, w1, c31);
                x = VectorOps.Broadcast<T>(a[4 * cin]);
                c40 = VectorOps.MultiplyAdd(x, w0, c40); c41 = VectorOps.MultiplyAdd(x, w1, c41);
                x = VectorOps.Broadcast<T>(a[5 * cin]);
                c50 = VectorOps.MultiplyAdd(x, w0, c50); c51 = VectorOps.MultiplyAdd(x, w1, c51);
                // The next input channel: two channels per pass halve the loop's own instructions.
                w0 = VectorOps.Load<T>(w + 2 * lanes);
                w1 = VectorOps.Load<T>(w + 3 * lanes);
                x = VectorOps.Broadcast<T>(a[1]);
                c00 = VectorOps.MultiplyAdd(x, w0, c00); c01 = VectorOps.MultiplyAdd(x, w1, c01);
                x = VectorOps.Broadcast<T>(a[cin + 1]);
                c10 = VectorOps.MultiplyAdd(x, w0, c10); c11 = VectorOps.MultiplyAdd(x, w1, c11);
                x = VectorOps.Broadcast<T>(a[2 * cin + 1]);
                c20 = VectorOps.MultiplyAdd(x, w0, c20); c21 = VectorOps.MultiplyAdd(x, w1, c21);
                x = VectorOps.Broadcast<T>(a[3 * cin + 1]);
                c30 = VectorOps.MultiplyAdd(x, w0, c30); c31 = VectorOps.MultiplyAdd(x, w1, c31);
                x = VectorOps.Broadcast<T>(a[4 * cin + 1]);
                c40 = VectorOps.MultiplyAdd(x, w0, c40); c41 = VectorOps.MultiplyAdd(x, w1, c41);
                x = VectorOps.Broadcast<T>(a[5 * cin + 1]);
                c50 = VectorOps.MultiplyAdd(x, w0, c50); c51 = VectorOps.MultiplyAdd(x, w1, c51);
            }
            float* o = output + (long)pixel * cout + column;
            float* s = TResidual.Adds ? shortcut + (long)pixel * rs : null;
            low.Store(o, s, c00); upper.Store(o + lanes, s, c01);
            low.Store(o + cout, s + rs, c10); upper.Store(o + cout + lanes, s + rs, c11);
            low.Store(o + 2 * cout, s + 2 * rs, c20); upper.Store(o + 2 * cout + lanes, s + 2 * rs, c21);
            low.Store(o + 3 * cout, s + 3 * rs, c30); upper.Store(o + 3 * cout + lanes, s + 3 * rs, c31);
            low.Store(o + 4 * cout, s + 4 * rs, c40); upper.Store(o + 4 * cout + lanes, s + 4 * rs, c41);
            low.Store(o + 5 * cout, s + 5 * rs, c50); upper.Store(o + 5 * cout + lanes, s + 5 * rs, c51);
        }
    }

    /// <summary>Every whole tile of a one-vector panel: <see cref="SixByOne{T, TResidual, TActivation, TStore}"/>'s sums (never inlined, as above).</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private void SixByOneSweep<T, TResidual, TActivation, TInputs, TStore>(float* input, float* output, float* shortcut, float* weights,
        int column, int width, int first, int end)
        where T : struct where TResidual : struct, IResidualMode where TActivation : struct, IActivationMode where TInputs : struct, IInputCount
        where TStore : struct, IChannelStore<T, TStore>
    {
        const int pair = 2;
        int cin = TInputs.Value, cout = _cout, rs = _shortcutStride, lanes = VectorOps.Count<T>();
        T b0 = VectorOps.Load<T>(_layout.Bias.Pointer + column), z = VectorOps.Zero<T>();
        var block = TStore.At(_layout, column, width);
        for (int pixel = first; pixel < end; pixel += Group)
        {
            T c0 = b0, c1 = b0, c2 = b0, c3 = b0, c4 = b0, c5 = b0;
            T d0 = z, d1 = z, d2 = z, d3 = z, d4 = z, d5 = z;
            float* a = input + (long)pixel * cin, w = weights;
            for (float* last = a + cin; a < last; a += pair, w += pair * lanes)
            {
                T w0 = VectorOps.Load<T>(w), w1 = VectorOps.Load<T>(w + lanes);
                c0 = VectorOps.MultiplyAdd(VectorOps.Broadcast<T>(a[0]), w0, c0);
                c1 = VectorOps.MultiplyAdd(VectorOps.Broadcast<T>(a[cin]), w0, c1);
                c2 = VectorOps.MultiplyAdd(VectorOps.Broadcast<T>(a[2 * cin]), w0, c2);
                c3 = VectorOps.MultiplyAdd(VectorOps.Broadcast<T>(a[3 * cin]), w0, c3);
                c4 = VectorOps.MultiplyAdd(VectorOps.Broadcast<T>(a[4 * cin]), w0, c4);
                c5 = VectorOps.MultiplyAdd(VectorOps.Broadcast<T>(a[5 * cin]), w0, c5);
                d0 = VectorOps.MultiplyAdd(VectorOps.Broadcast<T>(a[1]), w1, d0);
                d1 = VectorOps.MultiplyAdd(VectorOps.Broadcast<T>(a[cin + 1]), w1, d1);
                d2 = VectorOps.MultiplyAdd(VectorOps.Broadcast<T>(a[2 * cin + 1]), w1, d2);
                d3 = VectorOps.MultiplyAdd(VectorOps.Broadcast<T>(a[3 * cin + 1]), w1, d3);
                d4 = VectorOps.MultiplyAdd(VectorOps.Broadcast<T>(a[4 * cin + 1]), w1, d4);
                d5 = VectorOps.MultiplyAdd(VectorOps.Broadcast<T>(a[5 * cin + 1]), w1, d5);
            }
            float* o = output + (long)pixel * cout + column;
            float* s = TResidual.Adds ? shortcut + (long)pixel * rs : null;
            block.Store(o, s, VectorOps.Add(c0, d0));
            block.Store(o + cout, s + rs, VectorOps.Add(c1, d1));
            block.Store(o + 2 * cout, s + 2 * rs, VectorOps.Add(c2, d2));
            block.Store(o + 3 * cout, s + 3 * rs, VectorOps.Add(c3, d3));
            block.Store(o + 4 * cout, s + 4 * rs, VectorOps.Add(c4, d4));
            block.Store(o + 5 * cout, s + 5 * rs, VectorOps.Add(c5, d5));
        }
    }

    /// <summary>An input channel count fixed at JIT time (even, so channels go in pairs).</summary>
    private interface IInputCount
    {
        static abstract int Value { get; }
    }

    private readonly struct Eight : IInputCount { public const int Count = 8; public static int Value => Count; }
    private readonly struct Sixteen : IInputCount { public const int Count = 16; public static int Value => Count; }
    private readonly struct TwentyFour : IInputCount { public const int Count = 24; public static int Value => Count; }
    private readonly struct ThirtyTwo : IInputCount { public const int Count = 32; public static int Value => Count; }
    private readonly struct ThirtySix : IInputCount { public const int Count = 36; public static int Value => Count; }
    private readonly struct FortyTwo : IInputCount { public const int Count = 42; public static int Value => Count; }
    private readonly struct FortyEight : IInputCount { public const int Count = 48; public static int Value => Count; }
    private readonly struct FiftySix : IInputCount { public const int Count = 56; public static int Value => Count; }
    private readonly struct SixtyFour : IInputCount { public const int Count = 64; public static int Value => Count; }
    private readonly struct SeventyTwo : IInputCount { public const int Count = 72; public static int Value => Count; }
    private readonly struct Eighty : IInputCount { public const int Count = 80; public static int Value => Count; }
    private readonly struct EightyEight : IInputCount { public const int Count = 88; public static int Value => Count; }
    private readonly struct NinetySix : IInputCount { public const int Count = 96; public static int Value => Count; }
    private readonly struct OneHundredTwentyEight : IInputCount { public const int Count = 128; public static int Value => Count; }
}
