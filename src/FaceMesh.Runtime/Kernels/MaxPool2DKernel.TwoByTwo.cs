using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace FaceMesh.Runtime.Kernels;

/// <summary>
/// The 2x2, stride-2 pools on the detector's and landmark models' shortcut paths, when no window
/// is clipped: the four inputs of an output are two neighbouring pixels in each of two rows, so
/// the sweep is four pointers that step together, with the last channel block's mask built once
/// per row instead of per load. The general path computed each window's bounds and a mask per
/// pixel and took about as long as a whole 1x1 layer of the same size. Each output is the same
/// chain of hardware maxima in the same order (row by row, left to right, from minus infinity),
/// so the bits are the same, NaNs and signed zeros included.
/// </summary>
internal sealed unsafe partial class MaxPool2DKernel
{
    private bool IsUnclippedTwoByTwo =>
        _g.KernelHeight == 2 && _g.KernelWidth == 2 && _g.StrideHeight == 2 && _g.StrideWidth == 2 &&
        _g.PadTop == 0 && _g.PadLeft == 0 &&
        2 * _g.OutputHeight <= _g.InputHeight && 2 * _g.OutputWidth <= _g.InputWidth;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void TwoByTwoRows<T>(float* input, float* output, int begin, int end) where T : struct
    {
        int channels = _channels, lanes = VectorOps.Count<T>();
        int fullBlocks = channels / lanes * lanes, tail = channels - fullBlocks;
        // AVX2's masked moves (vmaskmovps) are microcoded on AMD cores: the 28- and 42-channel pools
        // of the short-range detector spent most of their time on the last block's five. There a
        // last whole vector ending at the last channel takes the same maxima of a few channels
        // twice instead, writing the same bits again.
        bool overlaps = typeof(T) == typeof(Vector256<float>) && tail != 0 && channels > lanes;
        int wholeBlocks = overlaps ? fullBlocks + lanes : fullBlocks;
        long inputRow = (long)_g.InputWidth * channels;
        T low = VectorOps.Broadcast<T>(_activation.Min), high = VectorOps.Broadcast<T>(_activation.Max);
        T none = VectorOps.Broadcast<T>(float.NegativeInfinity);
        T mask = VectorOps.FirstLanes<T>(Math.Max(tail, 1));
        for (int oy = begin; oy < end; oy++)
        {
            float* top = input + 2 * oy * inputRow, bottom = top + inputRow;
            float* destination = output + (long)oy * _g.OutputWidth * channels;
            for (int ox = 0; ox < _g.OutputWidth; ox++, top += 2 * channels, bottom += 2 * channels, destination += channels)
            {
                for (int block = 0; block < wholeBlocks; block += lanes)
                {
                    int at = Math.Min(block, channels - lanes);
                    T best = VectorOps.Max(none, VectorOps.Load<T>(top + at));
                    best = VectorOps.Max(best, VectorOps.Load<T>(top + channels + at));
                    best = VectorOps.Max(best, VectorOps.Load<T>(bottom + at));
                    best = VectorOps.Max(best, VectorOps.Load<T>(bottom + channels + at));
                    VectorOps.Store(destination + at, VectorOps.Clamp(best, low, high));
                }
                if (tail == 0 || overlaps) continue;
                int c = fullBlocks;
                T last = VectorOps.Max(none, VectorOps.MaskLoad(top + c, mask));
                last = VectorOps.Max(last, VectorOps.MaskLoad(top + channels + c, mask));
                last = VectorOps.Max(last, VectorOps.MaskLoad(bottom + c, mask));
                last = VectorOps.Max(last, VectorOps.MaskLoad(bottom + channels + c, mask));
                VectorOps.MaskStore(destination + c, mask, VectorOps.Clamp(last, low, high));
            }
        }
    }
}
