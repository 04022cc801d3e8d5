using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace FaceMesh.Runtime.Kernels;

/// <summary>
/// IEEE binary16 to binary32 inside the kernels, with integer operations: .NET 10 exposes no
/// vector half-to-single conversion (no F16C or AVX512-FP16 intrinsics), and per-element
/// <see cref="Half"/> casts would cost more than the memory traffic they save.
/// </summary>
/// <remarks>
/// A half's 15 magnitude bits, shifted left by 13, are a float whose exponent is 112 too small:
/// multiplying by 2^112 fixes normal numbers and, because the multiplication normalises its
/// input, subnormal halves as well (a float subnormal times a power of two is exact). The
/// result is exact for every finite half. Infinities and NaNs (exponent field 31) come out as
/// finite values of magnitude 2^16 to 2^17, so weights are kept as halves only when all of them
/// are finite (<see cref="TryNarrow"/>).
/// </remarks>
internal static class HalfWidening
{
    private const int MantissaShift = 13;        // 23 - 10 mantissa bits
    private const uint SignAndMagnitude = 0x8FFF_E000; // sign bit, then 15 half bits in float bits 27..13
    /// <summary>2^112 = 2^(127 - 15), the gap between the two formats' exponent biases.</summary>
    public const float ExponentRebias = 5.192296858534828e33f;

    /// <summary>
    /// Inputs below this magnitude can carry <see cref="ExponentRebias"/> instead of the weights:
    /// x * 2^112 stays finite and exact, and (x * 2^112) * (w / 2^112) is x * w exactly, so a
    /// fused multiply-add with <see cref="WidenUnscaled(Vector256{short})"/> weights rounds the same.
    /// </summary>
    public const float MaxRebiasedInput = 65536f;

    /// <summary>Widens one finite half, given as its bits (the scalar kernels' path).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Widen(short bits) =>
        BitConverter.UInt32BitsToSingle(((uint)(bits << MantissaShift)) & SignAndMagnitude) * ExponentRebias;

    /// <summary>Widens 16 finite halves, sign-extended to 32 bits first.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Widen(Vector256<short> bits)
    {
        Vector512<uint> moved = Avx512F.ConvertToVector512Int32(bits).AsUInt32() << MantissaShift;
        return (moved & Vector512.Create(SignAndMagnitude)).AsSingle() * Vector512.Create(ExponentRebias);
    }

    /// <summary>16 finite halves divided by 2^112, exactly (subnormal floats included): widening without the multiply.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> WidenUnscaled(Vector256<short> bits) =>
        ((Avx512F.ConvertToVector512Int32(bits).AsUInt32() << MantissaShift) & Vector512.Create(SignAndMagnitude)).AsSingle();

    /// <summary>8 finite halves divided by 2^112 (the AVX2 path).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> WidenUnscaled(Vector128<short> bits) =>
        ((Avx2.ConvertToVector256Int32(bits).AsUInt32() << MantissaShift) & Vector256.Create(SignAndMagnitude)).AsSingle();

    /// <summary>
    /// From 32-bit lanes that each hold two finite halves, the one in the low 16 bits, divided by
    /// 2^112: moved to the top, then shifted arithmetically so the sign stays in bit 31 and the
    /// magnitude lands in bits 27..13. Loading pairs needs no widening move (a shuffle-port
    /// instruction per vector), so a pair of weight vectors costs five simple instructions, not six.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> WidenLowUnscaled(Vector512<int> pairs) =>
        (((pairs << 16) >> (16 - MantissaShift)) & Vector512.Create(unchecked((int)SignAndMagnitude))).AsSingle();

    /// <summary>The half in the high 16 bits of each lane, divided by 2^112.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> WidenHighUnscaled(Vector512<int> pairs) =>
        ((pairs >> (16 - MantissaShift)) & Vector512.Create(unchecked((int)SignAndMagnitude))).AsSingle();

    /// <summary>The AVX2 form of <see cref="WidenLowUnscaled(Vector512{int})"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> WidenLowUnscaled(Vector256<int> pairs) =>
        (((pairs << 16) >> (16 - MantissaShift)) & Vector256.Create(unchecked((int)SignAndMagnitude))).AsSingle();

    /// <summary>The AVX2 form of <see cref="WidenHighUnscaled(Vector512{int})"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> WidenHighUnscaled(Vector256<int> pairs) =>
        ((pairs >> (16 - MantissaShift)) & Vector256.Create(unchecked((int)SignAndMagnitude))).AsSingle();

    /// <summary>Widens 8 finite halves (the AVX2 path).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Widen(Vector128<short> bits)
    {
        Vector256<uint> moved = Avx2.ConvertToVector256Int32(bits).AsUInt32() << MantissaShift;
        return (moved & Vector256.Create(SignAndMagnitude)).AsSingle() * Vector256.Create(ExponentRebias);
    }

    /// <summary>
    /// The half bits of <paramref name="value"/> when it is a finite half exactly (signed zeros
    /// included), so storing the bits and widening them gives back the same float, bit for bit.
    /// </summary>
    public static bool TryNarrow(float value, out short bits)
    {
        Half half = (Half)value;
        bits = (short)BitConverter.HalfToUInt16Bits(half);
        return Half.IsFinite(half) && BitConverter.SingleToUInt32Bits((float)half) == BitConverter.SingleToUInt32Bits(value);
    }
}
