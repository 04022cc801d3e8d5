using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace FaceMesh.Runtime.Kernels;

/// <summary>
/// The 2x2 stride-2 pool between channel planes (<see cref="ChannelPlaneLayout"/>): the
/// short-range detector's first shortcut, whose input its first stride-2 block also reads as
/// planes. Per channel, 32 input columns of each of the two rows split into even and odd ones
/// (two-table permutes) give the four window positions of 16 outputs, which take their maxima in
/// the order <see cref="TwoByTwoRows{T}"/> takes them (top row, then bottom, left then right,
/// from minus infinity), so the bits are the same, signed zeros and NaNs included.
/// </summary>
internal sealed unsafe partial class MaxPool2DKernel
{
    private const int PlaneLanes = 16;

    public int InputTensor => _input;
    public int OutputTensor => _output;

    /// <summary>Whether the pool can read and write planes: 2x2 stride 2 halving the image exactly, whole 16-pixel output vectors, 512-bit path.</summary>
    internal bool CanRunOnPlanes => _isa == VectorIsa.Vector512 && IsUnclippedTwoByTwo
        && _g.InputHeight == 2 * _g.OutputHeight && _g.InputWidth == 2 * _g.OutputWidth && _g.OutputWidth % PlaneLanes == 0;

    /// <summary>The same pool reading and writing planes.</summary>
    internal MaxPool2DKernel WithPlanes() =>
        CanRunOnPlanes ? new(this, planes: true) : throw new InvalidOperationException("This pool cannot run on planes.");

    internal bool RunsOnPlanes => _planes;

    /// <summary>The clamp the pool applies to each maximum (its fused activation).</summary>
    internal ActivationRange Activation => _activation;

    /// <summary>
    /// Sixteen 2x2 windows, one per lane, as <see cref="TwoByTwoRows{T}"/> takes them: from minus
    /// infinity, top row then bottom, left then right, then the clamp; so the bits are the same,
    /// signed zeros and NaNs included. Also the stride-2 pairs that take this pool's place.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<float> WindowMaximum(Vector512<float> topLeft, Vector512<float> topRight, Vector512<float> bottomLeft,
        Vector512<float> bottomRight, Vector512<float> low, Vector512<float> high)
    {
        Vector512<float> best = VectorOps.Max(Vector512.Create(float.NegativeInfinity), topLeft);
        best = VectorOps.Max(best, topRight);
        best = VectorOps.Max(best, bottomLeft);
        best = VectorOps.Max(best, bottomRight);
        return VectorOps.Clamp(best, low, high);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void PlaneRows(float* input, float* output, int begin, int end)
    {
        int channels = _channels, inWidth = _g.InputWidth, width = _g.OutputWidth;
        int inStride = ChannelPlaneLayout.PlaneStride(inWidth), stride = ChannelPlaneLayout.PlaneStride(width);
        ChannelPlaneLayout.ClearFrame(output, _g.OutputHeight, width, channels, begin, end);
        Vector512<float> low = Vector512.Create(_activation.Min), high = Vector512.Create(_activation.Max);
        Vector512<int> even = ChannelPlaneLayout.EvenColumns, odd = ChannelPlaneLayout.OddColumns;
        for (int oy = begin; oy < end; oy++)
        {
            float* top = ChannelPlaneLayout.Row(input, 2 * oy, inWidth, channels), bottom = ChannelPlaneLayout.Row(input, 2 * oy + 1, inWidth, channels);
            float* destination = ChannelPlaneLayout.Row(output, oy, width, channels);
            for (int c = 0; c < channels; c++, top += inStride, bottom += inStride, destination += stride)
            {
                for (int x = 0; x < width; x += PlaneLanes)
                {
                    Vector512<float> t0 = Vector512.Load(top + 2 * x), t1 = Vector512.Load(top + 2 * x + PlaneLanes);
                    Vector512<float> b0 = Vector512.Load(bottom + 2 * x), b1 = Vector512.Load(bottom + 2 * x + PlaneLanes);
                    WindowMaximum(Avx512F.PermuteVar16x32x2(t0, even, t1), Avx512F.PermuteVar16x32x2(t0, odd, t1),
                        Avx512F.PermuteVar16x32x2(b0, even, b1), Avx512F.PermuteVar16x32x2(b0, odd, b1), low, high).Store(destination + x);
                }
            }
        }
    }
}
