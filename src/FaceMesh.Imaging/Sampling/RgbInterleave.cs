using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace FaceMesh.Imaging;

/// <summary>The vector samplers' last step: eight pixels' channels, computed one vector per channel, stored as the tensor's RGB triplets.</summary>
internal static class RgbInterleave
{
    /// <summary>Planar r, g, b of 8 pixels to r0 g0 b0 r1 ... b7.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector256<float> r, Vector256<float> g, Vector256<float> b, ref float rgb)
    {
        // Output float i is channel i % 3 of pixel i / 3; each of the three vectors takes its lanes
        // from the channel that position holds.
        Vector256<float> first = Pick(r, g, b, Vector256.Create(0, 0, 0, 1, 1, 1, 2, 2), Vector256.Create(0, 1, 2, 0, 1, 2, 0, 1));
        Vector256<float> second = Pick(r, g, b, Vector256.Create(2, 3, 3, 3, 4, 4, 4, 5), Vector256.Create(2, 0, 1, 2, 0, 1, 2, 0));
        Vector256<float> third = Pick(r, g, b, Vector256.Create(5, 5, 6, 6, 6, 7, 7, 7), Vector256.Create(1, 2, 0, 1, 2, 0, 1, 2));
        first.StoreUnsafe(ref rgb);
        second.StoreUnsafe(ref rgb, 8);
        third.StoreUnsafe(ref rgb, 16);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Pick(Vector256<float> r, Vector256<float> g, Vector256<float> b, Vector256<int> pixel, Vector256<int> channel)
    {
        Vector256<float> fromR = Avx2.PermuteVar8x32(r, pixel), fromG = Avx2.PermuteVar8x32(g, pixel), fromB = Avx2.PermuteVar8x32(b, pixel);
        Vector256<float> isR = Vector256.Equals(channel, Vector256<int>.Zero).AsSingle();
        Vector256<float> isG = Vector256.Equals(channel, Vector256.Create(1)).AsSingle();
        return Vector256.ConditionalSelect(isR, fromR, Vector256.ConditionalSelect(isG, fromG, fromB));
    }
}
