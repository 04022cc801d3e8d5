using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using FaceMesh.Runtime.Kernels;

namespace FaceMesh.Runtime.Tests.Kernels;

/// <summary>The in-register half-to-float widening, over every one of the 65536 half bit patterns.</summary>
public sealed class HalfWideningTests
{
    private static IEnumerable<short> AllPatterns() => Enumerable.Range(0, 65536).Select(i => (short)i);

    private static uint Bits(float value) => BitConverter.SingleToUInt32Bits(value);

    [Fact]
    public void Every_finite_half_widens_to_exactly_its_float_value()
    {
        int finite = 0;
        foreach (short bits in AllPatterns())
        {
            Half half = BitConverter.UInt16BitsToHalf((ushort)bits);
            if (!Half.IsFinite(half)) continue;
            finite++;
            uint expected = Bits((float)half);
            if (Bits(HalfWidening.Widen(bits)) != expected)
                Assert.Fail($"half 0x{(ushort)bits:X4}: expected float bits 0x{expected:X8}, got 0x{Bits(HalfWidening.Widen(bits)):X8}");
        }
        Assert.Equal(65536 - 2 * 1024, finite); // two exponent-31 blocks (each sign) are infinities and NaNs
    }

    [Fact]
    public void Infinities_and_NaNs_widen_to_finite_values_so_they_are_never_narrowed()
    {
        foreach (short bits in AllPatterns())
        {
            Half half = BitConverter.UInt16BitsToHalf((ushort)bits);
            if (Half.IsFinite(half)) continue;
            float widened = HalfWidening.Widen(bits);
            Assert.True(float.IsFinite(widened) && Math.Abs(widened) >= 65536f && Math.Abs(widened) < 131072f,
                $"half 0x{(ushort)bits:X4} widened to {widened}");
            Assert.False(HalfWidening.TryNarrow((float)half, out _), $"half 0x{(ushort)bits:X4} was accepted");
        }
    }

    [Fact]
    public void Vector_widening_matches_the_scalar_one_for_every_pattern()
    {
        short[] patterns = AllPatterns().ToArray();
        if (Avx512F.IsSupported)
        {
            for (int i = 0; i < patterns.Length; i += 16)
            {
                Vector512<float> wide = HalfWidening.Widen(Vector256.Create(patterns.AsSpan(i, 16)));
                for (int lane = 0; lane < 16; lane++)
                    Assert.Equal(Bits(HalfWidening.Widen(patterns[i + lane])), Bits(wide[lane]));
            }
        }
        if (Avx2.IsSupported)
        {
            for (int i = 0; i < patterns.Length; i += 8)
            {
                Vector256<float> wide = HalfWidening.Widen(Vector128.Create(patterns.AsSpan(i, 8)));
                for (int lane = 0; lane < 8; lane++)
                    Assert.Equal(Bits(HalfWidening.Widen(patterns[i + lane])), Bits(wide[lane]));
            }
        }
    }

    [Fact]
    public void Narrowing_accepts_exactly_the_floats_that_are_finite_halves()
    {
        foreach (short bits in AllPatterns())
        {
            Half half = BitConverter.UInt16BitsToHalf((ushort)bits);
            if (!Half.IsFinite(half)) continue;
            Assert.True(HalfWidening.TryNarrow((float)half, out short narrowed));
            Assert.Equal(bits, narrowed);
        }
        Assert.False(HalfWidening.TryNarrow(1f + MathF.Pow(2, -11), out _)); // one bit below half precision
        Assert.False(HalfWidening.TryNarrow(MathF.Pow(2, -25), out _));      // half the smallest subnormal half
        Assert.False(HalfWidening.TryNarrow(65520f, out _));                 // rounds to half infinity
        Assert.False(HalfWidening.TryNarrow(float.NaN, out _));
        Assert.True(HalfWidening.TryNarrow(-0f, out short negativeZero));
        Assert.Equal(unchecked((short)0x8000), negativeZero);
    }
}
