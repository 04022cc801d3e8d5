using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace FaceMesh.Imaging;

/// <summary>
/// <see cref="OpenCvSampler"/>'s bilinear blend for eight output pixels at once, when all their
/// taps lie inside the image: the same integer weights, sums and rounding per lane as the scalar
/// blend, so the same bytes and the same tensor values come out. Each tap is one 32-bit gather
/// holding the pixel's channels (and, for 3-byte pixels, the next pixel's first byte); the channels
/// are then taken out of it by shifting. A byte becomes its tensor value by the table's own
/// multiply and add rather than a gather from the table: gathers are slow on AMD's Zen cores.
/// </summary>
internal static unsafe class OpenCvInteriorBlock
{
    public const int Pixels = 8;

    private const int FractionBits = OpenCvSampler.FractionBits;
    private const int FractionMask = OpenCvSampler.FractionMask;
    private const int FractionScale = OpenCvSampler.FractionScale;
    private const int WeightShift = OpenCvSampler.WeightShift;
    private const int WeightHalf = OpenCvSampler.WeightHalf;

    /// <summary>
    /// Whether the blocks can be used for <paramref name="src"/>: AVX2 is there, the image is small
    /// enough that the scalar path's clamp of tap coordinates to 16 bits never applies inside it,
    /// and offsets fit in 32 bits.
    /// </summary>
    public static bool Supports(in PixelSource src) =>
        Avx2.IsSupported && src.Width <= short.MaxValue && src.Height <= short.MaxValue && (long)src.Stride * src.Height < int.MaxValue - 8;

    /// <summary>What the blocks of one crop share: the image's geometry and channel order, as vectors.</summary>
    public readonly struct Layout(in PixelSource src, float rangeMin, float rangeMax)
    {
        public readonly Vector256<float> RangeMin = Vector256.Create(rangeMin), ByteScale = Vector256.Create(ByteToRange.Scale(rangeMin, rangeMax));
        public readonly Vector256<int> Stride = Vector256.Create(src.Stride);
        public readonly Vector256<int> BytesPerPixel = Vector256.Create(src.BytesPerPixel);
        public readonly Vector256<uint> LastColumn = Vector256.Create((uint)(src.Width - 1));
        public readonly Vector256<uint> LastRow = Vector256.Create((uint)(src.Height - 1));
        // The 4-byte read of a bottom-right tap must stay in the buffer (a 3-byte pixel at its very end).
        public readonly Vector256<int> LastOffset = Vector256.Create(src.Pixels.Length - 4 - src.Stride - src.BytesPerPixel);
        public readonly int Right = src.BytesPerPixel, Down = src.Stride;
        public readonly byte RedShift = (byte)(8 * src.RedOffset), GreenShift = (byte)(8 * src.GreenOffset), BlueShift = (byte)(8 * src.BlueOffset);
    }

    /// <summary>
    /// Writes the 24 floats of 8 pixels to <paramref name="rgb"/> and returns true, or returns false
    /// without writing when any pixel has a tap outside the image (the caller then takes the scalar path).
    /// </summary>
    /// <param name="pixels">The image's first byte (pinned).</param>
    /// <param name="fx">Fixed-point source x of the 8 pixels (1/32 pixel).</param>
    /// <param name="fy">Fixed-point source y of the 8 pixels.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TrySample(byte* pixels, in Layout layout, ref int fx, ref int fy, ref float rgb)
    {
        Vector256<int> vfx = Vector256.LoadUnsafe(ref fx), vfy = Vector256.LoadUnsafe(ref fy);
        Vector256<int> sx = Avx2.ShiftRightArithmetic(vfx, FractionBits), sy = Avx2.ShiftRightArithmetic(vfy, FractionBits);
        Vector256<int> offset = Avx2.MultiplyLow(sy, layout.Stride) + Avx2.MultiplyLow(sx, layout.BytesPerPixel);
        // All four taps inside: 0 <= sx < width - 1 and 0 <= sy < height - 1 (unsigned compares).
        Vector256<uint> inside = Vector256.LessThan(sx.AsUInt32(), layout.LastColumn)
            & Vector256.LessThan(sy.AsUInt32(), layout.LastRow)
            & Vector256.LessThanOrEqual(offset, layout.LastOffset).AsUInt32();
        if (inside != Vector256<uint>.AllBitsSet) return false;

        Vector256<int> ax = vfx & Vector256.Create(FractionMask), ay = vfy & Vector256.Create(FractionMask);
        Vector256<int> bx = Vector256.Create(FractionScale) - ax, by = Vector256.Create(FractionScale) - ay;
        Vector256<int> w00 = Avx2.MultiplyLow(bx, by), w10 = Avx2.MultiplyLow(ax, by), w01 = Avx2.MultiplyLow(bx, ay), w11 = Avx2.MultiplyLow(ax, ay);

        Vector256<int> t00 = Avx2.GatherVector256((int*)pixels, offset, 1);
        Vector256<int> t10 = Avx2.GatherVector256((int*)(pixels + layout.Right), offset, 1);
        Vector256<int> t01 = Avx2.GatherVector256((int*)(pixels + layout.Down), offset, 1);
        Vector256<int> t11 = Avx2.GatherVector256((int*)(pixels + layout.Down + layout.Right), offset, 1);

        Vector256<float> r = ToRange(Blend(t00, t10, t01, t11, w00, w10, w01, w11, layout.RedShift), layout);
        Vector256<float> g = ToRange(Blend(t00, t10, t01, t11, w00, w10, w01, w11, layout.GreenShift), layout);
        Vector256<float> b = ToRange(Blend(t00, t10, t01, t11, w00, w10, w01, w11, layout.BlueShift), layout);
        RgbInterleave.Store(r, g, b, ref rgb);
        return true;
    }

    /// <summary>What <see cref="ByteToRange.Fill"/> puts in the table for these bytes: a multiply, then an add, each rounded.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> ToRange(Vector256<int> bytes, in Layout layout) =>
        Avx.Add(Avx.Multiply(Avx.ConvertToVector256Single(bytes), layout.ByteScale), layout.RangeMin);

    /// <summary>The blended byte of one channel (0..255).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> Blend(Vector256<int> t00, Vector256<int> t10, Vector256<int> t01, Vector256<int> t11,
        Vector256<int> w00, Vector256<int> w10, Vector256<int> w01, Vector256<int> w11, byte shift)
    {
        Vector256<int> mask = Vector256.Create(0xFF);
        Vector256<int> sum = Avx2.MultiplyLow(Vector256.ShiftRightLogical(t00, shift) & mask, w00)
            + Avx2.MultiplyLow(Vector256.ShiftRightLogical(t10, shift) & mask, w10)
            + Avx2.MultiplyLow(Vector256.ShiftRightLogical(t01, shift) & mask, w01)
            + Avx2.MultiplyLow(Vector256.ShiftRightLogical(t11, shift) & mask, w11);
        return Avx2.Min(Avx2.ShiftRightArithmetic(sum + Vector256.Create(WeightHalf), WeightShift), Vector256.Create(255));
    }
}
