using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace FaceMesh.Runtime.Kernels;

/// <summary>
/// The last panel of a wider 1x1 layer when it holds 8 outputs (512-bit path only) or 4 (both
/// paths; the short-range detector's 64->72 and 32->36 layers): its one-vector tile kept 16 or 8
/// lanes per pixel busy for 8 or 4 live ones. Here it runs as channel pairs, like a whole 8- or
/// 4-output layer: even lanes are the one-vector tile's even-input-channel chain from the bias,
/// odd lanes its odd-channel chain from zero, and the two are added last just as there, so
/// results are bit-identical. Each pixel's outputs go to their own row, <c>_cout</c> floats apart.
/// </summary>
internal sealed unsafe partial class PointwiseRun
{
    private readonly AlignedFloats? _tailPairWeights; // [input pair][output][even, odd] of the last panel
    private readonly AlignedFloats? _tailPairBias;    // [output][bias, 0]

    /// <summary>
    /// Outputs of the last panel when they run as channel pairs (8 or 4, where
    /// <see cref="PairsFit"/> allows), else 0. Not for layers that pair all their channels
    /// anyway, nor when a shortcut reaches the tail (it would need two pixels'
    /// shortcut rows gathered into one vector). A shortcut that ends before the tail adds +0 to
    /// those outputs on the general tile, which changes no bits here: the odd chain starts at +0
    /// and a sum that is exactly zero rounds to +0 unless both terms are -0, so neither it nor
    /// the final even + odd sum is ever -0.
    /// </summary>
    private static int TailPairOutputs(in PointwiseLayout layout)
    {
        int column = TailColumnOf(layout), outputs = layout.OutChannels - column;
        if (column == 0 || outputs is not (8 or 4) || !PairsFit(layout, outputs)) return 0;
        return layout.Residual.IsPresent && layout.Residual.Channels > column ? 0 : outputs;
    }

    private static int TailColumnOf(in PointwiseLayout layout) => (layout.Panels - 1) * layout.PanelWidth;

    /// <summary>Panels the vector tiles take: all but a last one that runs as channel pairs.</summary>
    private int VectorPanels => _tailPairWeights is null ? _layout.Panels : _layout.Panels - 1;

    /// <summary>Pixels [<paramref name="first"/>, <paramref name="end"/>) of the last panel; no shortcut (see <see cref="TailPairOutputs"/>).</summary>
    private void RunTailPairs<TActivation>(float* input, float* output, int first, int end) where TActivation : struct, IActivationMode
    {
        int column = TailColumnOf(_layout);
        float* weights = _tailPairWeights!.Pointer, bias = _tailPairBias!.Pointer;
        if (_cout - column == 8)
            SweepChannelPairs<Vector512<float>, NoResidual, TActivation, TailOfRows>(input, output, null, weights, bias, column, first, end);
        else
            SweepChannelPairs<Vector256<float>, NoResidual, TActivation, TailOfRows>(input, output, null, weights, bias, column, first, end);
    }
}
