using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace FaceMesh.Runtime.Kernels;

/// <summary>
/// The reverse of <see cref="PixelLaneStore"/>: four channels of sixteen NHWC pixels into four
/// vectors that each hold one channel for the sixteen pixels (pixels in lanes). Each 128-bit
/// lane is loaded as one pixel's four channels, so only the two rounds of in-lane unpacks run
/// on the shuffle port.
/// </summary>
internal static unsafe class PixelLaneLoad
{
    /// <summary>Channels 0..3 from <paramref name="input"/> of pixels 0..15, <paramref name="pixelFloats"/> apart.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Four(float* input, int pixelFloats, out Vector512<float> c0, out Vector512<float> c1,
        out Vector512<float> c2, out Vector512<float> c3)
    {
        long step = pixelFloats;
        // Lane L of pk: all four channels of pixel 4L + k.
        Vector512<float> p0 = Lanes(input, 4 * step), p1 = Lanes(input + step, 4 * step);
        Vector512<float> p2 = Lanes(input + 2 * step, 4 * step), p3 = Lanes(input + 3 * step, 4 * step);
        // Lane L of low01: channels 0 and 1 of pixels 4L and 4L+1; of high01: channels 2 and 3.
        Vector512<double> low01 = Avx512F.UnpackLow(p0, p1).AsDouble(), high01 = Avx512F.UnpackHigh(p0, p1).AsDouble();
        Vector512<double> low23 = Avx512F.UnpackLow(p2, p3).AsDouble(), high23 = Avx512F.UnpackHigh(p2, p3).AsDouble();
        c0 = Avx512F.UnpackLow(low01, low23).AsSingle();
        c1 = Avx512F.UnpackHigh(low01, low23).AsSingle();
        c2 = Avx512F.UnpackLow(high01, high23).AsSingle();
        c3 = Avx512F.UnpackHigh(high01, high23).AsSingle();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Lanes(float* input, long step) =>
        Vector512.Create(
            Vector256.Create(Vector128.Load(input), Vector128.Load(input + step)),
            Vector256.Create(Vector128.Load(input + 2 * step), Vector128.Load(input + 3 * step)));
}
