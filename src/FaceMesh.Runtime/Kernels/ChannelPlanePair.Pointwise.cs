using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace FaceMesh.Runtime.Kernels;

/// <summary>
/// The 1x1 half on channel planes: 32 pixels (two vectors) x 8 or 4 outputs. Per input channel
/// two plane loads and one broadcast weight per output feed two multiply-adds each, every lane
/// useful. Each output starts at its bias and adds the input channels in order, then the
/// shortcut (+0 past the shortcut's channels, as the channels-in-lanes path adds), then the
/// activation; then the tile goes back to NHWC pixels.
/// </summary>
internal sealed unsafe partial class ChannelPlanePair
{
    private const int GroupOutputs = 8;
    private const int SplitGroupOutputs = 4;

    /// <param name="a">The band's depthwise planes at the tile's first pixel; channel planes <paramref name="bandPixels"/> apart.</param>
    /// <param name="w">The group's weights, [input channel][8].</param>
    /// <param name="group">The group's first output channel.</param>
    /// <param name="shortcut">The shortcut's channel-0 plane at the tile's first pixel; channel planes <paramref name="stride"/> apart.</param>
    /// <param name="shortcutUpper">The same at the tile's pixel 16, which begins the next row where rows are 16 pixels wide.</param>
    /// <param name="output">The tile's first pixel at the group's first channel.</param>
    /// <param name="outputUpper">The same for the tile's pixel 16.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void PointwiseTile8<TOutput, TResidual, TActivation>(float* a, int bandPixels, float* w, int group, float* shortcut, float* shortcutUpper, int stride, float* output, float* outputUpper)
        where TOutput : struct, IPlaneOutput where TResidual : struct, IResidualMode where TActivation : struct, IActivationMode
    {
        float* bias = _bias.Pointer + group;
        int step = TOutput.Step(_cout, _width);
        Vector512<float> c0 = Vector512.Create(bias[0]), c1 = Vector512.Create(bias[1]), c2 = Vector512.Create(bias[2]), c3 = Vector512.Create(bias[3]);
        Vector512<float> c4 = Vector512.Create(bias[4]), c5 = Vector512.Create(bias[5]), c6 = Vector512.Create(bias[6]), c7 = Vector512.Create(bias[7]);
        Vector512<float> d0 = c0, d1 = c1, d2 = c2, d3 = c3, d4 = c4, d5 = c5, d6 = c6, d7 = c7;
        for (float* end = w + _cin * GroupOutputs; w < end; w += GroupOutputs, a += bandPixels)
        {
            Vector512<float> x0 = Vector512.Load(a), x1 = Vector512.Load(a + Lanes), k;
            k = Vector512.Create(w[0]); c0 = Vector512.FusedMultiplyAdd(x0, k, c0); d0 = Vector512.FusedMultiplyAdd(x1, k, d0);
            k = Vector512.Create(w[1]); c1 = Vector512.FusedMultiplyAdd(x0, k, c1); d1 = Vector512.FusedMultiplyAdd(x1, k, d1);
            k = Vector512.Create(w[2]); c2 = Vector512.FusedMultiplyAdd(x0, k, c2); d2 = Vector512.FusedMultiplyAdd(x1, k, d2);
            k = Vector512.Create(w[3]); c3 = Vector512.FusedMultiplyAdd(x0, k, c3); d3 = Vector512.FusedMultiplyAdd(x1, k, d3);
            k = Vector512.Create(w[4]); c4 = Vector512.FusedMultiplyAdd(x0, k, c4); d4 = Vector512.FusedMultiplyAdd(x1, k, d4);
            k = Vector512.Create(w[5]); c5 = Vector512.FusedMultiplyAdd(x0, k, c5); d5 = Vector512.FusedMultiplyAdd(x1, k, d5);
            k = Vector512.Create(w[6]); c6 = Vector512.FusedMultiplyAdd(x0, k, c6); d6 = Vector512.FusedMultiplyAdd(x1, k, d6);
            k = Vector512.Create(w[7]); c7 = Vector512.FusedMultiplyAdd(x0, k, c7); d7 = Vector512.FusedMultiplyAdd(x1, k, d7);
        }
        Store<TOutput>(Finish<TResidual, TActivation>(c0, group, shortcut, stride), Finish<TResidual, TActivation>(c1, group + 1, shortcut, stride),
            Finish<TResidual, TActivation>(c2, group + 2, shortcut, stride), Finish<TResidual, TActivation>(c3, group + 3, shortcut, stride), output, step);
        Store<TOutput>(Finish<TResidual, TActivation>(c4, group + 4, shortcut, stride), Finish<TResidual, TActivation>(c5, group + 5, shortcut, stride),
            Finish<TResidual, TActivation>(c6, group + 6, shortcut, stride), Finish<TResidual, TActivation>(c7, group + 7, shortcut, stride), output, step, 4);
        Store<TOutput>(Finish<TResidual, TActivation>(d0, group, shortcutUpper, stride), Finish<TResidual, TActivation>(d1, group + 1, shortcutUpper, stride),
            Finish<TResidual, TActivation>(d2, group + 2, shortcutUpper, stride), Finish<TResidual, TActivation>(d3, group + 3, shortcutUpper, stride), outputUpper, step);
        Store<TOutput>(Finish<TResidual, TActivation>(d4, group + 4, shortcutUpper, stride), Finish<TResidual, TActivation>(d5, group + 5, shortcutUpper, stride),
            Finish<TResidual, TActivation>(d6, group + 6, shortcutUpper, stride), Finish<TResidual, TActivation>(d7, group + 7, shortcutUpper, stride), outputUpper, step, 4);
    }

    /// <summary>The last four outputs of a layer whose output count is 4 more than a multiple of 8; <see cref="PointwiseTile8"/>'s sums.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void PointwiseTile4<TOutput, TResidual, TActivation>(float* a, int bandPixels, float* w, int group, float* shortcut, float* shortcutUpper, int stride, float* output, float* outputUpper)
        where TOutput : struct, IPlaneOutput where TResidual : struct, IResidualMode where TActivation : struct, IActivationMode
    {
        const int outputs = 4;
        float* bias = _bias.Pointer + group;
        int step = TOutput.Step(_cout, _width);
        Vector512<float> c0 = Vector512.Create(bias[0]), c1 = Vector512.Create(bias[1]), c2 = Vector512.Create(bias[2]), c3 = Vector512.Create(bias[3]);
        Vector512<float> d0 = c0, d1 = c1, d2 = c2, d3 = c3;
        for (float* end = w + _cin * outputs; w < end; w += outputs, a += bandPixels)
        {
            Vector512<float> x0 = Vector512.Load(a), x1 = Vector512.Load(a + Lanes), k;
            k = Vector512.Create(w[0]); c0 = Vector512.FusedMultiplyAdd(x0, k, c0); d0 = Vector512.FusedMultiplyAdd(x1, k, d0);
            k = Vector512.Create(w[1]); c1 = Vector512.FusedMultiplyAdd(x0, k, c1); d1 = Vector512.FusedMultiplyAdd(x1, k, d1);
            k = Vector512.Create(w[2]); c2 = Vector512.FusedMultiplyAdd(x0, k, c2); d2 = Vector512.FusedMultiplyAdd(x1, k, d2);
            k = Vector512.Create(w[3]); c3 = Vector512.FusedMultiplyAdd(x0, k, c3); d3 = Vector512.FusedMultiplyAdd(x1, k, d3);
        }
        Store<TOutput>(Finish<TResidual, TActivation>(c0, group, shortcut, stride), Finish<TResidual, TActivation>(c1, group + 1, shortcut, stride),
            Finish<TResidual, TActivation>(c2, group + 2, shortcut, stride), Finish<TResidual, TActivation>(c3, group + 3, shortcut, stride), output, step);
        Store<TOutput>(Finish<TResidual, TActivation>(d0, group, shortcutUpper, stride), Finish<TResidual, TActivation>(d1, group + 1, shortcutUpper, stride),
            Finish<TResidual, TActivation>(d2, group + 2, shortcutUpper, stride), Finish<TResidual, TActivation>(d3, group + 3, shortcutUpper, stride),
            outputUpper, TOutput.Step(_cout, _width));
    }

    /// <summary>
    /// Four outputs of a last one-vector panel (two where the layer ends), as the channels-in-lanes
    /// path sums them: even input channels from the bias, odd ones from zero, then the two added.
    /// Outputs past the layer's have zero weights and are not stored.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void PointwiseTileSplit<TOutput, TResidual, TActivation>(float* a, int bandPixels, float* w, int group, float* shortcut, float* shortcutUpper, int stride, float* output, float* outputUpper)
        where TOutput : struct, IPlaneOutput where TResidual : struct, IResidualMode where TActivation : struct, IActivationMode
    {
        float* bias = _bias.Pointer + group;
        int step = TOutput.Step(_cout, _width);
        Vector512<float> c0 = Vector512.Create(bias[0]), c1 = Vector512.Create(bias[1]), c2 = Vector512.Create(bias[2]), c3 = Vector512.Create(bias[3]);
        Vector512<float> e0 = c0, e1 = c1, e2 = c2, e3 = c3;      // even input channels: pixels 0..15, then 16..31
        Vector512<float> d0 = Vector512<float>.Zero, d1 = d0, d2 = d0, d3 = d0, f0 = d0, f1 = d0, f2 = d0, f3 = d0; // odd ones
        for (float* end = w + _cin * SplitGroupOutputs; w < end; w += 2 * SplitGroupOutputs, a += 2 * bandPixels)
        {
            Vector512<float> x0 = Vector512.Load(a), x1 = Vector512.Load(a + Lanes), k;
            k = Vector512.Create(w[0]); c0 = Vector512.FusedMultiplyAdd(x0, k, c0); e0 = Vector512.FusedMultiplyAdd(x1, k, e0);
            k = Vector512.Create(w[1]); c1 = Vector512.FusedMultiplyAdd(x0, k, c1); e1 = Vector512.FusedMultiplyAdd(x1, k, e1);
            k = Vector512.Create(w[2]); c2 = Vector512.FusedMultiplyAdd(x0, k, c2); e2 = Vector512.FusedMultiplyAdd(x1, k, e2);
            k = Vector512.Create(w[3]); c3 = Vector512.FusedMultiplyAdd(x0, k, c3); e3 = Vector512.FusedMultiplyAdd(x1, k, e3);
            x0 = Vector512.Load(a + bandPixels); x1 = Vector512.Load(a + bandPixels + Lanes);
            k = Vector512.Create(w[4]); d0 = Vector512.FusedMultiplyAdd(x0, k, d0); f0 = Vector512.FusedMultiplyAdd(x1, k, f0);
            k = Vector512.Create(w[5]); d1 = Vector512.FusedMultiplyAdd(x0, k, d1); f1 = Vector512.FusedMultiplyAdd(x1, k, f1);
            k = Vector512.Create(w[6]); d2 = Vector512.FusedMultiplyAdd(x0, k, d2); f2 = Vector512.FusedMultiplyAdd(x1, k, f2);
            k = Vector512.Create(w[7]); d3 = Vector512.FusedMultiplyAdd(x0, k, d3); f3 = Vector512.FusedMultiplyAdd(x1, k, f3);
        }
        Vector512<float> r0 = Finish<TResidual, TActivation>(c0 + d0, group, shortcut, stride), r1 = Finish<TResidual, TActivation>(c1 + d1, group + 1, shortcut, stride);
        Vector512<float> s0 = Finish<TResidual, TActivation>(e0 + f0, group, shortcutUpper, stride), s1 = Finish<TResidual, TActivation>(e1 + f1, group + 1, shortcutUpper, stride);
        if (_cout - group >= SplitGroupOutputs)
        {
            Store<TOutput>(r0, r1, Finish<TResidual, TActivation>(c2 + d2, group + 2, shortcut, stride),
                Finish<TResidual, TActivation>(c3 + d3, group + 3, shortcut, stride), output, step);
            Store<TOutput>(s0, s1, Finish<TResidual, TActivation>(e2 + f2, group + 2, shortcutUpper, stride),
                Finish<TResidual, TActivation>(e3 + f3, group + 3, shortcutUpper, stride), outputUpper, step);
        }
        else
        {
            TOutput.Two(r0, r1, output, step);
            TOutput.Two(s0, s1, outputUpper, step);
        }
    }

    /// <summary>
    /// Outputs <paramref name="channel"/>..+3 of the 16 pixels whose first pixel and channel
    /// <paramref name="output"/> addresses; <paramref name="step"/> is the output's <see cref="IPlaneOutput.Step"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store<TOutput>(Vector512<float> r0, Vector512<float> r1, Vector512<float> r2, Vector512<float> r3,
        float* output, int step, int channel = 0) where TOutput : struct, IPlaneOutput =>
        TOutput.Four(r0, r1, r2, r3, output + TOutput.ChannelStep(step) * channel, step);

    /// <summary>Output channel <paramref name="channel"/> of 16 pixels: plus the shortcut when fused, then the activation.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Vector512<float> Finish<TResidual, TActivation>(Vector512<float> sum, int channel, float* shortcut, int stride)
        where TResidual : struct, IResidualMode where TActivation : struct, IActivationMode
    {
        if (TResidual.Adds)
            sum += channel < _shortcutChannels ? Vector512.Load(shortcut + (long)channel * stride) : Vector512<float>.Zero;
        return _epilogue.FinishChannel<TActivation>(sum, channel);
    }
}
