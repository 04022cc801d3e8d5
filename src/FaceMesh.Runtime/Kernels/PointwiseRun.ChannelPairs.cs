using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace FaceMesh.Runtime.Kernels;

/// <summary>
/// A 1x1 layer to 8 output channels on the 512-bit path. The general tile holds one pixel's 8
/// outputs in a 16-lane vector, so half of every multiply-add was empty. Here a vector holds
/// one pixel's even-input-channel sums in its even lanes and odd-input-channel sums in its odd
/// lanes, output channel by output channel: one 64-bit broadcast puts an input channel pair
/// into every lane pair, and half as many multiply-adds do the same work. Each lane takes the
/// multiply-adds of the general tile in its order (even channels from the bias, odd ones from
/// zero), and the two are added last just as there, so results are bit-identical.
/// </summary>
internal sealed unsafe partial class PointwiseRun
{
    private const int PairedOutputs = 8;
    private const int PairLanes = 2 * PairedOutputs;
    private const int PixelsPerSweep = 8; // eight independent chains cover the multiply-add latency

    private readonly AlignedFloats? _channelPairWeights; // [input pair][output][even, odd]
    private readonly AlignedFloats? _channelPairBias;    // [output][bias, 0]

    /// <summary>
    /// Per-channel slopes and a shortcut narrower than the output would need lanes rearranged;
    /// those layers keep the general tile.
    /// </summary>
    private static bool TakesChannelPairs(in PointwiseLayout layout) =>
        layout.Isa == VectorIsa.Vector512 && layout.OutChannels == PairedOutputs && layout.InChannels % 2 == 0
        && !layout.Epilogue.Scales && (!layout.Residual.IsPresent || layout.Residual.Channels == PairedOutputs);

    private static (AlignedFloats Weights, AlignedFloats Bias) PackChannelPairs(in PointwiseLayout layout)
    {
        int cin = layout.InChannels, lanes = layout.Lanes;
        int packedWidth = Math.Min(layout.PanelWidth, (layout.OutChannels + lanes - 1) / lanes * lanes);
        var weights = new AlignedFloats(cin / 2 * PairLanes);
        Span<float> target = weights.AsSpan();
        for (int k = 0; k < cin; k++)
        {
            for (int j = 0; j < PairedOutputs; j++)
                target[k / 2 * PairLanes + 2 * j + k % 2] = layout.Weights.Pointer[k * packedWidth + j];
        }
        var bias = new AlignedFloats(PairLanes);
        for (int j = 0; j < PairedOutputs; j++) bias.AsSpan()[2 * j] = layout.Bias.Pointer[j];
        return (weights, bias);
    }

    private void RunChannelPairs(float* input, float* output, float* shortcut, int first, int end)
    {
        bool clamps = _layout.Epilogue.Clamps;
        if (shortcut is not null)
        {
            if (clamps) RunChannelPairs<WithResidual, ClampOnly>(input, output, shortcut, first, end);
            else RunChannelPairs<WithResidual, NoActivation>(input, output, shortcut, first, end);
        }
        else if (clamps) RunChannelPairs<NoResidual, ClampOnly>(input, output, null, first, end);
        else RunChannelPairs<NoResidual, NoActivation>(input, output, null, first, end);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void RunChannelPairs<TResidual, TActivation>(float* input, float* output, float* shortcut, int first, int end)
        where TResidual : struct, IResidualMode where TActivation : struct, IActivationMode
    {
        int cin = _cin;
        float* weights = _channelPairWeights!.Pointer;
        Vector512<float> init = Vector512.Load(_channelPairBias!.Pointer);
        var epilogue = _layout.Epilogue.At<Vector512<float>>(0);
        int pixel = first;
        for (; pixel + PixelsPerSweep <= end; pixel += PixelsPerSweep)
        {
            float* a0 = input + (long)pixel * cin, a1 = a0 + cin, a2 = a1 + cin, a3 = a2 + cin;
            float* a4 = a3 + cin, a5 = a4 + cin, a6 = a5 + cin, a7 = a6 + cin;
            Vector512<float> c0 = init, c1 = init, c2 = init, c3 = init, c4 = init, c5 = init, c6 = init, c7 = init;
            float* w = weights;
            for (int k = 0; k < cin; k += 2, w += PairLanes)
            {
                Vector512<float> wk = Vector512.Load(w);
                c0 = Vector512.FusedMultiplyAdd(PairOf(a0 + k), wk, c0);
                c1 = Vector512.FusedMultiplyAdd(PairOf(a1 + k), wk, c1);
                c2 = Vector512.FusedMultiplyAdd(PairOf(a2 + k), wk, c2);
                c3 = Vector512.FusedMultiplyAdd(PairOf(a3 + k), wk, c3);
                c4 = Vector512.FusedMultiplyAdd(PairOf(a4 + k), wk, c4);
                c5 = Vector512.FusedMultiplyAdd(PairOf(a5 + k), wk, c5);
                c6 = Vector512.FusedMultiplyAdd(PairOf(a6 + k), wk, c6);
                c7 = Vector512.FusedMultiplyAdd(PairOf(a7 + k), wk, c7);
            }
            StoreTwoPixels<TResidual, TActivation>(output, shortcut, pixel, c0, c1, epilogue);
            StoreTwoPixels<TResidual, TActivation>(output, shortcut, pixel + 2, c2, c3, epilogue);
            StoreTwoPixels<TResidual, TActivation>(output, shortcut, pixel + 4, c4, c5, epilogue);
            StoreTwoPixels<TResidual, TActivation>(output, shortcut, pixel + 6, c6, c7, epilogue);
        }
        // Runs are whole tiles of six pixels, so what is left comes in pairs.
        Debug.Assert((end - pixel) % 2 == 0);
        for (; pixel + 2 <= end; pixel += 2)
        {
            float* a0 = input + (long)pixel * cin, a1 = a0 + cin;
            Vector512<float> c0 = init, c1 = init;
            float* w = weights;
            for (int k = 0; k < cin; k += 2, w += PairLanes)
            {
                Vector512<float> wk = Vector512.Load(w);
                c0 = Vector512.FusedMultiplyAdd(PairOf(a0 + k), wk, c0);
                c1 = Vector512.FusedMultiplyAdd(PairOf(a1 + k), wk, c1);
            }
            StoreTwoPixels<TResidual, TActivation>(output, shortcut, pixel, c0, c1, epilogue);
        }
    }

    /// <summary>Input channels k and k+1 in every even and odd lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> PairOf(float* channels) => Vector512.Create(Unsafe.ReadUnaligned<double>(channels)).AsSingle();

    /// <summary>Each lane pair's even sum plus its odd sum, in the even lane (the general tile's c + d).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> AddPairs(Vector512<float> sums) => sums + Avx512F.DuplicateOddIndexed(sums);

    /// <summary>The even lanes of <paramref name="low"/>, then those of <paramref name="high"/>: two pixels' outputs, next to each other as in NHWC.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> EvenLanes(Vector512<float> low, Vector512<float> high) =>
        Avx512F.PermuteVar16x32x2(low, Vector512.Create(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30), high);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreTwoPixels<TResidual, TActivation>(float* output, float* shortcut, int pixel,
        Vector512<float> first, Vector512<float> second, in ConvEpilogue.Block<Vector512<float>> epilogue)
        where TResidual : struct, IResidualMode where TActivation : struct, IActivationMode
    {
        long at = (long)pixel * PairedOutputs;
        Vector512<float> value = EvenLanes(AddPairs(first), AddPairs(second));
        if (TResidual.Adds) value += Vector512.Load(shortcut + at);
        epilogue.Finish<TActivation>(value).Store(output + at);
    }
}
