using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace FaceMesh.Runtime.Kernels;

/// <summary>
/// Where a pixels-in-lanes kernel puts its vectors (each one channel of sixteen pixels): back into
/// NHWC pixels, or as they are into <see cref="ChannelPlaneLayout"/> planes. A type argument, so
/// each instantiation holds only its own stores; both are small enough that the JIT inlines
/// them into the tile (a larger planar store inlined beside the NHWC one used up the tile's
/// inlining budget, and the NHWC stores became calls).
/// </summary>
internal unsafe interface IPlaneOutput
{
    static abstract bool Planes { get; }

    /// <summary>The step <see cref="ChannelStep"/> and <see cref="PixelStep"/> take: floats per pixel (NHWC) or per plane row (planes).</summary>
    static abstract int Step(int channels, int width);

    /// <summary>Channel 0 of row <paramref name="y"/>, at column 0.</summary>
    static abstract float* Row(float* tensor, int y, int width, int channels);

    /// <summary>Floats from one channel to the next, given the pixel stride (NHWC) or the plane stride (planes).</summary>
    static abstract long ChannelStep(int step);

    /// <summary>Floats from a pixel to the one <paramref name="pixels"/> further on.</summary>
    static abstract long PixelStep(int pixels, int step);

    /// <summary>Four channels of sixteen pixels, the first channel of the first pixel at <paramref name="output"/>.</summary>
    static abstract void Four(Vector512<float> r0, Vector512<float> r1, Vector512<float> r2, Vector512<float> r3, float* output, int step);

    /// <summary>Two channels of sixteen pixels, as <see cref="Four"/>.</summary>
    static abstract void Two(Vector512<float> r0, Vector512<float> r1, float* output, int step);
}

internal readonly unsafe struct PixelOutput : IPlaneOutput
{
    public static bool Planes => false;

    public static int Step(int channels, int width) => channels;

    public static float* Row(float* tensor, int y, int width, int channels) => tensor + (long)y * width * channels;

    public static long ChannelStep(int step) => 1;

    public static long PixelStep(int pixels, int step) => (long)pixels * step;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Four(Vector512<float> r0, Vector512<float> r1, Vector512<float> r2, Vector512<float> r3, float* output, int step) =>
        PixelLaneStore.Four(r0, r1, r2, r3, output, step);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Two(Vector512<float> r0, Vector512<float> r1, float* output, int step) => PixelLaneStore.Two(r0, r1, output, step);
}

internal readonly unsafe struct PlaneOutput : IPlaneOutput
{
    public static bool Planes => true;

    public static int Step(int channels, int width) => ChannelPlaneLayout.PlaneStride(width);

    public static float* Row(float* tensor, int y, int width, int channels) => ChannelPlaneLayout.Row(tensor, y, width, channels);

    public static long ChannelStep(int step) => step;

    public static long PixelStep(int pixels, int step) => pixels;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Four(Vector512<float> r0, Vector512<float> r1, Vector512<float> r2, Vector512<float> r3, float* output, int step)
    {
        long stride = step;
        r0.Store(output);
        r1.Store(output + stride);
        r2.Store(output + 2 * stride);
        r3.Store(output + 3 * stride);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Two(Vector512<float> r0, Vector512<float> r1, float* output, int step)
    {
        r0.Store(output);
        r1.Store(output + step);
    }
}
