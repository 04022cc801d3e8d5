using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace FaceMesh.Imaging;

/// <summary>
/// <see cref="GlSampler"/> for eight output pixels of a row at once: the same float operations in
/// the same order per lane (texture coordinate, floor, clamped taps, two lerps, range), so the same
/// bits come out. Taps are 32-bit gathers holding a pixel's channels, taken apart by shifting.
/// </summary>
internal static unsafe class GlBlock
{
    public const int Pixels = 8;

    /// <summary>Whether the blocks can be used: AVX2 is there and byte offsets fit in 32 bits.</summary>
    public static bool Supports(in PixelSource src) => Avx2.IsSupported && (long)src.Stride * src.Height < int.MaxValue - 8;

    /// <summary>What the blocks of one crop share, as vectors.</summary>
    public readonly struct Layout(in PixelSource src, in GlSampler.RowMapping row)
    {
        public readonly Vector256<float> M0 = Vector256.Create(row.M0), M4 = Vector256.Create(row.M4);
        public readonly Vector256<float> TexelsX = Vector256.Create((float)src.Width), TexelsY = Vector256.Create((float)src.Height);
        public readonly Vector256<float> LastColumnF = Vector256.Create(src.Width - 1f), LastRowF = Vector256.Create(src.Height - 1f);
        public readonly Vector256<int> LastColumn = Vector256.Create(src.Width - 1), LastRow = Vector256.Create(src.Height - 1);
        public readonly Vector256<int> Stride = Vector256.Create(src.Stride), BytesPerPixel = Vector256.Create(src.BytesPerPixel);
        // A 4-byte read must stay in the buffer (a 3-byte or 1-byte pixel at its very end).
        public readonly Vector256<int> LastOffset = Vector256.Create(src.Pixels.Length - 4);
        public readonly Vector256<float> Scale = Vector256.Create(row.Scale), Min = Vector256.Create(row.Min);
        public readonly Vector256<float> TargetWidth = Vector256.Create((float)row.TargetWidth);
        public readonly bool ZeroBorder = row.ZeroBorder;
        public readonly byte RedShift = (byte)(8 * src.RedOffset), GreenShift = (byte)(8 * src.GreenOffset), BlueShift = (byte)(8 * src.BlueOffset);
    }

    /// <summary>
    /// Writes output pixels <paramref name="column"/>..+7 of a row (24 floats at <paramref name="rgb"/>)
    /// and returns true, or returns false without writing when a tap's 4-byte read would leave the buffer.
    /// </summary>
    /// <param name="rowU">The row's texture u at output column 0's u = 0 (MediaPipe's matrix, rows folded in).</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TrySample(byte* pixels, in Layout layout, int column, float rowU, float rowV, ref float rgb)
    {
        Vector256<float> i = Avx.ConvertToVector256Single(Vector256.Create(column) + Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7));
        Vector256<float> u = (i + Vector256.Create(0.5f)) / layout.TargetWidth;
        Vector256<float> tu = layout.M0 * u + Vector256.Create(rowU), tv = layout.M4 * u + Vector256.Create(rowV);
        // Blank lanes get the range's minimum: outside a zero-border crop, or a NaN position (whose
        // raw value is 0). NaN compares false, so it counts as outside too.
        Vector256<float> blank = Vector256<float>.Zero;
        if (layout.ZeroBorder)
        {
            Vector256<float> inside = Vector256.GreaterThanOrEqual(tu, Vector256<float>.Zero) & Vector256.LessThanOrEqual(tu, Vector256<float>.One)
                & Vector256.GreaterThanOrEqual(tv, Vector256<float>.Zero) & Vector256.LessThanOrEqual(tv, Vector256<float>.One);
            blank = ~inside;
        }
        Vector256<float> px = tu * layout.TexelsX - Vector256.Create(0.5f), py = tv * layout.TexelsY - Vector256.Create(0.5f);
        blank |= ~(Vector256.Equals(px, px) & Vector256.Equals(py, py));
        px = Vector256.AndNot(px, blank);
        py = Vector256.AndNot(py, blank);

        Vector256<float> fx = Avx.Floor(px), fy = Avx.Floor(py);
        Vector256<float> ax = px - fx, ay = py - fy;
        Vector256<int> x0 = Avx.ConvertToVector256Int32WithTruncation(Vector256.Min(Vector256.Max(fx, Vector256.Create(-1f)), layout.LastColumnF));
        Vector256<int> y0 = Avx.ConvertToVector256Int32WithTruncation(Vector256.Min(Vector256.Max(fy, Vector256.Create(-1f)), layout.LastRowF));
        Vector256<int> xa = Vector256.Min(Vector256.Max(x0, Vector256<int>.Zero), layout.LastColumn) * layout.BytesPerPixel;
        Vector256<int> xb = Vector256.Min(Vector256.Max(x0 + Vector256<int>.One, Vector256<int>.Zero), layout.LastColumn) * layout.BytesPerPixel;
        Vector256<int> ya = Vector256.Min(Vector256.Max(y0, Vector256<int>.Zero), layout.LastRow) * layout.Stride;
        Vector256<int> yb = Vector256.Min(Vector256.Max(y0 + Vector256<int>.One, Vector256<int>.Zero), layout.LastRow) * layout.Stride;
        Vector256<int> o11 = yb + xb;
        if (Vector256.GreaterThanAny(o11, layout.LastOffset)) return false;

        Vector256<int> t00 = Avx2.GatherVector256((int*)pixels, ya + xa, 1), t10 = Avx2.GatherVector256((int*)pixels, ya + xb, 1);
        Vector256<int> t01 = Avx2.GatherVector256((int*)pixels, yb + xa, 1), t11 = Avx2.GatherVector256((int*)pixels, o11, 1);
        Vector256<float> r = Channel(t00, t10, t01, t11, layout.RedShift, ax, ay, layout, blank);
        Vector256<float> g = Channel(t00, t10, t01, t11, layout.GreenShift, ax, ay, layout, blank);
        Vector256<float> b = Channel(t00, t10, t01, t11, layout.BlueShift, ax, ay, layout, blank);
        RgbInterleave.Store(r, g, b, ref rgb);
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Channel(Vector256<int> t00, Vector256<int> t10, Vector256<int> t01, Vector256<int> t11, byte shift,
        Vector256<float> ax, Vector256<float> ay, in Layout layout, Vector256<float> blank)
    {
        Vector256<int> mask = Vector256.Create(0xFF);
        Vector256<int> p00 = Vector256.ShiftRightLogical(t00, shift) & mask, p10 = Vector256.ShiftRightLogical(t10, shift) & mask;
        Vector256<int> p01 = Vector256.ShiftRightLogical(t01, shift) & mask, p11 = Vector256.ShiftRightLogical(t11, shift) & mask;
        Vector256<float> top = Avx.ConvertToVector256Single(p00) + Avx.ConvertToVector256Single(p10 - p00) * ax;
        Vector256<float> bottom = Avx.ConvertToVector256Single(p01) + Avx.ConvertToVector256Single(p11 - p01) * ax;
        Vector256<float> value = (top + (bottom - top) * ay) * layout.Scale + layout.Min;
        return Vector256.ConditionalSelect(blank, layout.Min, value);
    }
}
