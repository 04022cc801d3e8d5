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
    public void Unscaled_vector_widening_is_the_finite_half_divided_by_2_to_the_112_exactly()
    {
        short[] finite = AllPatterns().Where(b => Half.IsFinite(BitConverter.UInt16BitsToHalf((ushort)b))).ToArray();
        double rebias = Math.Pow(2, 112);
        Assert.Equal((double)HalfWidening.ExponentRebias, rebias);
        for (int i = 0; i + 16 <= finite.Length; i += 16)
        {
            Vector512<float> wide = Avx512F.IsSupported ? HalfWidening.WidenUnscaled(Vector256.Create(finite.AsSpan(i, 16))) : default;
            Vector256<float> narrow = Avx2.IsSupported ? HalfWidening.WidenUnscaled(Vector128.Create(finite.AsSpan(i, 8))) : default;
            for (int lane = 0; lane < 16; lane++)
            {
                double exact = (double)BitConverter.UInt16BitsToHalf((ushort)finite[i + lane]) / rebias;
                if (Avx512F.IsSupported) Assert.Equal(BitConverter.DoubleToInt64Bits(exact), BitConverter.DoubleToInt64Bits(wide[lane]));
                if (Avx2.IsSupported && lane < 8) Assert.Equal(BitConverter.DoubleToInt64Bits(exact), BitConverter.DoubleToInt64Bits(narrow[lane]));
            }
        }
    }

    [Fact]
    public void Halves_paired_in_32_bit_lanes_widen_exactly_whatever_their_neighbour()
    {
        short[] finite = AllPatterns().Where(b => Half.IsFinite(BitConverter.UInt16BitsToHalf((ushort)b))).ToArray();
        var rng = new Random(3);
        for (int i = 0; i + 16 <= finite.Length; i += 16)
        {
            // Each finite half once in the low and once in the high position, next to any bits at all.
            var low = new int[16];
            var high = new int[16];
            for (int lane = 0; lane < 16; lane++)
            {
                low[lane] = (rng.Next(65536) << 16) | (ushort)finite[i + lane];
                high[lane] = (finite[i + lane] << 16) | rng.Next(65536);
            }
            for (int lane = 0; lane < 16; lane++)
            {
                uint expected = Bits(HalfWidening.Widen(finite[i + lane]) / HalfWidening.ExponentRebias);
                if (Avx512F.IsSupported)
                {
                    Assert.Equal(expected, Bits(HalfWidening.WidenLowUnscaled(Vector512.Create(low))[lane]));
                    Assert.Equal(expected, Bits(HalfWidening.WidenHighUnscaled(Vector512.Create(high))[lane]));
                }
                if (Avx2.IsSupported)
                {
                    Assert.Equal(expected, Bits(HalfWidening.WidenLowUnscaled(Vector256.Create(low.AsSpan(lane / 8 * 8, 8)))[lane % 8]));
                    Assert.Equal(expected, Bits(HalfWidening.WidenHighUnscaled(Vector256.Create(high.AsSpan(lane / 8 * 8, 8)))[lane % 8]));
                }
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
