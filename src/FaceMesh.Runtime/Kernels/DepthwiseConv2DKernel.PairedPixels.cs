using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace FaceMesh.Runtime.Kernels;

/// <summary>
/// Stride-1 3x3 rows with 8 channels on the 512-bit path: two neighbouring pixels fill one
/// vector, their inputs under each tap are the 16 consecutive floats from the first one's, and the
/// weights are stored twice over, so a pair costs the nine multiply-adds one half-empty vector
/// cost before. Every lane takes the same multiply-adds in the same order as on the one-pixel
/// path, so outputs are bit-identical.
/// </summary>
internal sealed unsafe partial class DepthwiseConv2DKernel
{
    private const int PairedChannels = 8;

    /// <summary>Per-channel slopes would need pairing too; clamps are the same in every lane.</summary>
    private bool CanPairPixels => _pairedWeights is not null && _g.StrideWidth == 1 && !_epilogue.Scales;

    private static AlignedFloats PairWeights(AlignedFloats weights, AlignedFloats bias, int taps, int padded)
    {
        var paired = new AlignedFloats((taps + 1) * 2 * PairedChannels);
        Span<float> target = paired.AsSpan();
        for (int tap = 0; tap <= taps; tap++)
        {
            ReadOnlySpan<float> source = tap < taps ? weights.AsSpan().Slice(tap * padded, PairedChannels) : bias.AsSpan()[..PairedChannels];
            source.CopyTo(target.Slice(tap * 2 * PairedChannels));
            source.CopyTo(target.Slice(tap * 2 * PairedChannels + PairedChannels));
        }
        return paired;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void PairedRow8(in RowWindow rows, float* destinationRow)
    {
        const int channels = PairedChannels, pair = 2 * PairedChannels;
        int padLeft = _g.PadLeft;
        float* w = _pairedWeights!.Pointer;
        Vector512<float> w00 = Vector512.Load(w), w01 = Vector512.Load(w + pair), w02 = Vector512.Load(w + 2 * pair);
        Vector512<float> w10 = Vector512.Load(w + 3 * pair), w11 = Vector512.Load(w + 4 * pair), w12 = Vector512.Load(w + 5 * pair);
        Vector512<float> w20 = Vector512.Load(w + 6 * pair), w21 = Vector512.Load(w + 7 * pair), w22 = Vector512.Load(w + 8 * pair);
        Vector512<float> bias = Vector512.Load(w + 9 * pair);
        var epilogue = _epilogue.At<Vector512<float>>(0);
        float* r0 = rows.Row0, r1 = rows.Row1, r2 = rows.Row2;
        int ox = rows.FirstInterior;
        for (; ox + 2 <= rows.LastInterior; ox += 2)
        {
            long x = (long)(ox - padLeft) * channels;
            Vector512<float> acc = bias;
            acc = Vector512.FusedMultiplyAdd(Vector512.Load(r0 + x), w00, acc);
            acc = Vector512.FusedMultiplyAdd(Vector512.Load(r0 + x + channels), w01, acc);
            acc = Vector512.FusedMultiplyAdd(Vector512.Load(r0 + x + 2 * channels), w02, acc);
            acc = Vector512.FusedMultiplyAdd(Vector512.Load(r1 + x), w10, acc);
            acc = Vector512.FusedMultiplyAdd(Vector512.Load(r1 + x + channels), w11, acc);
            acc = Vector512.FusedMultiplyAdd(Vector512.Load(r1 + x + 2 * channels), w12, acc);
            acc = Vector512.FusedMultiplyAdd(Vector512.Load(r2 + x), w20, acc);
            acc = Vector512.FusedMultiplyAdd(Vector512.Load(r2 + x + channels), w21, acc);
            acc = Vector512.FusedMultiplyAdd(Vector512.Load(r2 + x + 2 * channels), w22, acc);
            epilogue.Finish(acc).Store(destinationRow + (long)ox * channels);
        }
        // A last odd interior column and the border columns take the one-pixel path.
        Block3x3<Vector512<float>, PartialBlock>(rows, destinationRow, 0, VectorOps.FirstLanes<Vector512<float>>(channels), ox);
    }
}
