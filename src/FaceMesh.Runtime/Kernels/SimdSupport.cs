using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace FaceMesh.Runtime.Kernels;

/// <summary>
/// The vector kernels are written for AVX-512 (16 floats per register, masked tails). Elsewhere, or
/// when a caller asks for it, the scalar kernels run on the same packed data.
/// </summary>
internal static unsafe class SimdSupport
{
    public const int Width = 16;

    public static bool Available => Avx512F.IsSupported && Vector512.IsHardwareAccelerated;

    public static bool Use(bool requested) => requested && Available;

    /// <summary>A lane mask selecting the first <paramref name="count"/> of 16 lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> FirstLanes(int count) =>
        Vector512.LessThan(Vector512<int>.Indices, Vector512.Create(count)).AsSingle();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> LoadFirst(float* source, int count) =>
        count >= Width ? Vector512.Load(source) : Avx512F.MaskLoad(source, FirstLanes(count), Vector512<float>.Zero);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreFirst(float* destination, Vector512<float> value, int count)
    {
        if (count >= Width) value.Store(destination);
        else Avx512F.MaskStore(destination, FirstLanes(count), value);
    }

    public static int RoundUp(int value) => (value + Width - 1) / Width * Width;
}
