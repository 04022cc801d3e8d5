using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace FaceMesh.Runtime.Kernels;

/// <summary>
/// Picks the widest vector path the CPU runs well, capped by what the caller allows. Weights and
/// channel padding are laid out in blocks of <see cref="Width"/> floats, the widest vector, so
/// every path reads the same packed data.
/// </summary>
internal static class SimdSupport
{
    /// <summary>Floats in the widest vector; packed channel counts are multiples of it.</summary>
    public const int Width = 16;

    public static VectorIsa Select(bool useSimd, int maxVectorBits)
    {
        if (!useSimd) return VectorIsa.Scalar;
        if (maxVectorBits >= 512 && Avx512F.IsSupported && Vector512.IsHardwareAccelerated) return VectorIsa.Vector512;
        // Without FMA hardware the fused multiply-add would be emulated, far slower than scalar code.
        if (maxVectorBits >= 256 && Avx2.IsSupported && Fma.IsSupported && Vector256.IsHardwareAccelerated) return VectorIsa.Vector256;
        return VectorIsa.Scalar;
    }

    public static int Lanes(VectorIsa isa) => isa switch
    {
        VectorIsa.Vector512 => 16,
        VectorIsa.Vector256 => 8,
        _ => 1,
    };

    public static int RoundUp(int value) => (value + Width - 1) / Width * Width;

    /// <summary>Floats a stack buffer needs beyond its size so that <see cref="CacheLineAligned"/> can start it on a cache line.</summary>
    public const int CacheLineFloats = 16;

    /// <summary>The first 64-byte boundary at or after <paramref name="buffer"/>.</summary>
    public static unsafe float* CacheLineAligned(float* buffer) =>
        (float*)(((nint)buffer + CacheLineFloats * sizeof(float) - 1) & ~(nint)(CacheLineFloats * sizeof(float) - 1));
}
