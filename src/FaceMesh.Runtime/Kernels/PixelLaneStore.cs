using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace FaceMesh.Runtime.Kernels;

/// <summary>
/// Stores vectors that hold one channel for sixteen pixels (pixels in lanes) as NHWC pixels.
/// Two rounds of in-lane unpacks leave each 128-bit lane holding four channels of one pixel;
/// those lanes are stored as they are, since a 128-bit store of a lane needs no shuffle, where
/// finishing the transpose in registers would take two more shuffle rounds on the port the
/// multiply-adds also use.
/// </summary>
internal static unsafe class PixelLaneStore
{
    /// <summary>Channels r0..r3 of pixels 0..15 to <paramref name="output"/> + pixel x <paramref name="pixelFloats"/>, four floats each.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Four(Vector512<float> r0, Vector512<float> r1, Vector512<float> r2, Vector512<float> r3, float* output, int pixelFloats)
    {
        // Lane L of low01 holds r0, r1 of pixels 4L and 4L+1; high01 those of 4L+2 and 4L+3.
        Vector512<double> low01 = Avx512F.UnpackLow(r0, r1).AsDouble(), high01 = Avx512F.UnpackHigh(r0, r1).AsDouble();
        Vector512<double> low23 = Avx512F.UnpackLow(r2, r3).AsDouble(), high23 = Avx512F.UnpackHigh(r2, r3).AsDouble();
        // Lane L of pk: all four channels of pixel 4L + k.
        Vector512<float> p0 = Avx512F.UnpackLow(low01, low23).AsSingle(), p1 = Avx512F.UnpackHigh(low01, low23).AsSingle();
        Vector512<float> p2 = Avx512F.UnpackLow(high01, high23).AsSingle(), p3 = Avx512F.UnpackHigh(high01, high23).AsSingle();
        long step = pixelFloats;
        Lanes(p0, output, 4 * step);
        Lanes(p1, output + step, 4 * step);
        Lanes(p2, output + 2 * step, 4 * step);
        Lanes(p3, output + 3 * step, 4 * step);
    }

    /// <summary>Channels r0, r1 of pixels 0..15, as <see cref="Four"/>: one 64-bit store per pixel.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Two(Vector512<float> r0, Vector512<float> r1, float* output, int pixelFloats)
    {
        // Lane L of low holds r0, r1 of pixels 4L and 4L+1; of high, those of 4L+2 and 4L+3.
        Vector512<double> low = Avx512F.UnpackLow(r0, r1).AsDouble(), high = Avx512F.UnpackHigh(r0, r1).AsDouble();
        long step = pixelFloats;
        PairLane(low.GetLower().GetLower(), high.GetLower().GetLower(), output, step);
        PairLane(Avx512F.ExtractVector128(low, 1), Avx512F.ExtractVector128(high, 1), output + 4 * step, step);
        PairLane(Avx512F.ExtractVector128(low, 2), Avx512F.ExtractVector128(high, 2), output + 8 * step, step);
        PairLane(Avx512F.ExtractVector128(low, 3), Avx512F.ExtractVector128(high, 3), output + 12 * step, step);
    }

    /// <summary>Four pixels' two channels: pixels 0 and 1 from <paramref name="low"/>, 2 and 3 from <paramref name="high"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void PairLane(Vector128<double> low, Vector128<double> high, float* output, long step)
    {
        Sse2.StoreScalar((double*)output, low);
        Sse2.StoreHigh((double*)(output + step), low);
        Sse2.StoreScalar((double*)(output + 2 * step), high);
        Sse2.StoreHigh((double*)(output + 3 * step), high);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Lanes(Vector512<float> v, float* output, long step)
    {
        v.GetLower().GetLower().Store(output);
        Avx512F.ExtractVector128(v, 1).Store(output + step);
        Avx512F.ExtractVector128(v, 2).Store(output + 2 * step);
        Avx512F.ExtractVector128(v, 3).Store(output + 3 * step);
    }
}
