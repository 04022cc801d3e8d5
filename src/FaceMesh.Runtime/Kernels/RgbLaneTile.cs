using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace FaceMesh.Runtime.Kernels;

/// <summary>
/// The micro-kernel of <see cref="RgbPixelLanes"/>: 32 neighbouring output pixels (two vectors)
/// x twelve output channels, pixels in lanes. Per tap it loads two input vectors and broadcasts
/// twelve weights for 24 multiply-adds, every lane useful whatever the channel count. Each
/// accumulator starts at its channel's bias and adds the taps in the order of the tap table,
/// one rounding per tap, so every output is the same chain as in the channels-in-lanes tiles.
/// </summary>
internal static unsafe class RgbLaneTile
{
    public const int Pixels = 32;
    public const int Channels = 12;

    /// <param name="taps">Per tap (filter row, column, input channel), the plane entry of output pixel 0.</param>
    /// <param name="x">The tile's first output pixel.</param>
    /// <param name="w">Packed weights: per tap, the twelve channels' weights.</param>
    /// <param name="output">The tile's first pixel at its first channel.</param>
    /// <param name="step">The output's <see cref="IPlaneOutput.Step"/>: floats per pixel, or per plane row.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run<TOutput, TActivation>(float** taps, int tapCount, int x, float* w, float* bias, in ConvEpilogue epilogue, int channel,
        float* output, int step) where TOutput : struct, IPlaneOutput where TActivation : struct, IActivationMode
    {
        Vector512<float> c0 = Vector512.Create(bias[0]), c1 = Vector512.Create(bias[1]), c2 = Vector512.Create(bias[2]);
        Vector512<float> c3 = Vector512.Create(bias[3]), c4 = Vector512.Create(bias[4]), c5 = Vector512.Create(bias[5]);
        Vector512<float> c6 = Vector512.Create(bias[6]), c7 = Vector512.Create(bias[7]), c8 = Vector512.Create(bias[8]);
        Vector512<float> c9 = Vector512.Create(bias[9]), c10 = Vector512.Create(bias[10]), c11 = Vector512.Create(bias[11]);
        Vector512<float> d0 = c0, d1 = c1, d2 = c2, d3 = c3, d4 = c4, d5 = c5, d6 = c6, d7 = c7, d8 = c8, d9 = c9, d10 = c10, d11 = c11;
        for (float** t = taps, end = taps + tapCount; t < end; t++, w += Channels)
        {
            float* a = *t + x;
            Vector512<float> x0 = Vector512.Load(a), x1 = Vector512.Load(a + 16), k;
            k = Vector512.Create(w[0]); c0 = Vector512.FusedMultiplyAdd(x0, k, c0); d0 = Vector512.FusedMultiplyAdd(x1, k, d0);
            k = Vector512.Create(w[1]); c1 = Vector512.FusedMultiplyAdd(x0, k, c1); d1 = Vector512.FusedMultiplyAdd(x1, k, d1);
            k = Vector512.Create(w[2]); c2 = Vector512.FusedMultiplyAdd(x0, k, c2); d2 = Vector512.FusedMultiplyAdd(x1, k, d2);
            k = Vector512.Create(w[3]); c3 = Vector512.FusedMultiplyAdd(x0, k, c3); d3 = Vector512.FusedMultiplyAdd(x1, k, d3);
            k = Vector512.Create(w[4]); c4 = Vector512.FusedMultiplyAdd(x0, k, c4); d4 = Vector512.FusedMultiplyAdd(x1, k, d4);
            k = Vector512.Create(w[5]); c5 = Vector512.FusedMultiplyAdd(x0, k, c5); d5 = Vector512.FusedMultiplyAdd(x1, k, d5);
            k = Vector512.Create(w[6]); c6 = Vector512.FusedMultiplyAdd(x0, k, c6); d6 = Vector512.FusedMultiplyAdd(x1, k, d6);
            k = Vector512.Create(w[7]); c7 = Vector512.FusedMultiplyAdd(x0, k, c7); d7 = Vector512.FusedMultiplyAdd(x1, k, d7);
            k = Vector512.Create(w[8]); c8 = Vector512.FusedMultiplyAdd(x0, k, c8); d8 = Vector512.FusedMultiplyAdd(x1, k, d8);
            k = Vector512.Create(w[9]); c9 = Vector512.FusedMultiplyAdd(x0, k, c9); d9 = Vector512.FusedMultiplyAdd(x1, k, d9);
            k = Vector512.Create(w[10]); c10 = Vector512.FusedMultiplyAdd(x0, k, c10); d10 = Vector512.FusedMultiplyAdd(x1, k, d10);
            k = Vector512.Create(w[11]); c11 = Vector512.FusedMultiplyAdd(x0, k, c11); d11 = Vector512.FusedMultiplyAdd(x1, k, d11);
        }
        ConvEpilogue e = epilogue;
        float* o = output, p = output + TOutput.PixelStep(16, step);
        long channelStep = TOutput.ChannelStep(step);
        TOutput.Four(e.FinishChannel<TActivation>(c0, channel), e.FinishChannel<TActivation>(c1, channel + 1),
            e.FinishChannel<TActivation>(c2, channel + 2), e.FinishChannel<TActivation>(c3, channel + 3), o, step);
        TOutput.Four(e.FinishChannel<TActivation>(c4, channel + 4), e.FinishChannel<TActivation>(c5, channel + 5),
            e.FinishChannel<TActivation>(c6, channel + 6), e.FinishChannel<TActivation>(c7, channel + 7), o + 4 * channelStep, step);
        TOutput.Four(e.FinishChannel<TActivation>(c8, channel + 8), e.FinishChannel<TActivation>(c9, channel + 9),
            e.FinishChannel<TActivation>(c10, channel + 10), e.FinishChannel<TActivation>(c11, channel + 11), o + 8 * channelStep, step);
        TOutput.Four(e.FinishChannel<TActivation>(d0, channel), e.FinishChannel<TActivation>(d1, channel + 1),
            e.FinishChannel<TActivation>(d2, channel + 2), e.FinishChannel<TActivation>(d3, channel + 3), p, step);
        TOutput.Four(e.FinishChannel<TActivation>(d4, channel + 4), e.FinishChannel<TActivation>(d5, channel + 5),
            e.FinishChannel<TActivation>(d6, channel + 6), e.FinishChannel<TActivation>(d7, channel + 7), p + 4 * channelStep, step);
        TOutput.Four(e.FinishChannel<TActivation>(d8, channel + 8), e.FinishChannel<TActivation>(d9, channel + 9),
            e.FinishChannel<TActivation>(d10, channel + 10), e.FinishChannel<TActivation>(d11, channel + 11), p + 8 * channelStep, step);
    }
}
