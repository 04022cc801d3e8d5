using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using FaceMesh.Imaging;

namespace FaceMesh.Media;

/// <summary>
/// Frames in 8-bit YUV 4:2:0 (I420: the Y plane, then the U plane, then the V plane, each row packed),
/// the layout H.264 decoders produce and encoders take. Carrying video frames this way skips the two
/// full-frame colour conversions an RGB pipeline pays in ffmpeg and halves the bytes through each
/// pipe; only the pixels someone needs in RGB are converted here. A frame lives in a
/// <see cref="PixelFormat.Gray8"/> buffer of width x <see cref="BufferHeight"/> rows, which is
/// exactly the three planes back to back. Colours use BT.601 with limited range (16..235), ffmpeg's
/// choice for untagged video. Width and height must be even.
/// </summary>
public static class Yuv420
{
    // BT.601 limited range in 8-bit fixed point (x256), rounded: the usual integer forms.
    private const int YScale = 298, RFromV = 409, GFromU = 100, GFromV = 208, BFromU = 516;
    // Added before the >> 8. Exact rounding would be +128; ffmpeg's own yuv420p -> rgb24 conversion
    // (which made the RGB frames the video pipeline and its landmarks were built on) lands about
    // 0.6 of a level lower on average, and -160 matches it to within 0.2 of a level on average.
    private const int Rounding = -160;

    /// <summary>True when a <paramref name="width"/> x <paramref name="height"/> frame fits 4:2:0 without losing a row or column.</summary>
    public static bool Supports(int width, int height) => width > 0 && height > 0 && (width & 1) == 0 && (height & 1) == 0;

    /// <summary>Rows of the <see cref="PixelFormat.Gray8"/> buffer holding one frame: the Y rows plus half as many for U and V together.</summary>
    public static int BufferHeight(int height) => checked(height * 3 / 2);

    /// <summary>Bytes of one frame.</summary>
    public static int FrameBytes(int width, int height) => checked(width * height * 3 / 2);

    /// <summary>Converts the whole frame to RGB (or BGR) in <paramref name="rgb"/>, which has the frame's size.</summary>
    public static void ToRgb(ReadOnlySpan<byte> planes, int width, int height, ImageBuffer rgb) =>
        ToRgb(planes, width, height, rgb, 0, 0, width, height);

    /// <summary>
    /// Converts the rectangle at (<paramref name="x"/>, <paramref name="y"/>), widened to even
    /// coordinates, into the same pixels of <paramref name="rgb"/> (frame-sized); the rest of
    /// <paramref name="rgb"/> is left as it was.
    /// </summary>
    public static void ToRgb(ReadOnlySpan<byte> planes, int width, int height, ImageBuffer rgb, int x, int y, int regionWidth, int regionHeight)
    {
        ArgumentNullException.ThrowIfNull(rgb);
        (int x0, int y0, int x1, int y1) = Check(planes.Length, width, height, rgb, x, y, regionWidth, regionHeight);
        var (ro, go, bo) = rgb.Format.ChannelOffsets();
        int bpp = rgb.Format.BytesPerPixel();
        Span<byte> pixels = rgb.Span;
        int chromaWidth = width / 2;
        ReadOnlySpan<byte> uPlane = planes.Slice(width * height, chromaWidth * height / 2);
        ReadOnlySpan<byte> vPlane = planes.Slice(width * height + chromaWidth * height / 2, chromaWidth * height / 2);
        for (int row = y0; row < y1; row++)
        {
            ReadOnlySpan<byte> luma = planes.Slice(row * width, width);
            ReadOnlySpan<byte> u = uPlane.Slice(row / 2 * chromaWidth, chromaWidth);
            ReadOnlySpan<byte> v = vPlane.Slice(row / 2 * chromaWidth, chromaWidth);
            Span<byte> target = pixels.Slice(row * rgb.Stride, rgb.Stride);
            int column = x0;
            if (bpp == 3 && Avx2.IsSupported) column = RowToRgb24Avx2(luma, u, v, target, column, x1, ro, bo);
            RowToRgbScalar(luma, u, v, target, column, x1, ro, go, bo, bpp);
        }
    }

    private static void RowToRgbScalar(ReadOnlySpan<byte> luma, ReadOnlySpan<byte> u, ReadOnlySpan<byte> v, Span<byte> target,
        int column, int end, int ro, int go, int bo, int bpp)
    {
        for (; column < end; column += 2)
        {
            int d = u[column >> 1] - 128, e = v[column >> 1] - 128;
            int red = RFromV * e + Rounding, green = Rounding - GFromU * d - GFromV * e, blue = BFromU * d + Rounding;
            int c0 = YScale * (luma[column] - 16), c1 = YScale * (luma[column + 1] - 16);
            int p = column * bpp;
            target[p + ro] = Clamp((c0 + red) >> 8);
            target[p + go] = Clamp((c0 + green) >> 8);
            target[p + bo] = Clamp((c0 + blue) >> 8);
            p += bpp;
            target[p + ro] = Clamp((c1 + red) >> 8);
            target[p + go] = Clamp((c1 + green) >> 8);
            target[p + bo] = Clamp((c1 + blue) >> 8);
        }
    }

    /// <summary>
    /// Eight pixels a step with the scalar path's exact integer arithmetic: each pixel becomes one
    /// int holding its three bytes, and a byte shuffle drops every fourth byte to pack them as RGB.
    /// Stops where a step's 16-byte stores would pass the row's end; returns the next column.
    /// </summary>
    private static unsafe int RowToRgb24Avx2(ReadOnlySpan<byte> luma, ReadOnlySpan<byte> u, ReadOnlySpan<byte> v, Span<byte> target,
        int column, int end, int ro, int bo)
    {
        // The second 16-byte store of a step ends 4 bytes past the step's 24: keep 2 pixels of room,
        // inside the region as well as the row, so no pixel right of the region is overwritten.
        int last = Math.Min(end, target.Length / 3) - 2 - 8;
        if (column > last) return column;
        Vector256<int> duplicate = Vector256.Create(0, 0, 1, 1, 2, 2, 3, 3);
        Vector256<byte> pack = Vector256.Create((byte)0, 1, 2, 4, 5, 6, 8, 9, 10, 12, 13, 14, 0x80, 0x80, 0x80, 0x80,
            0, 1, 2, 4, 5, 6, 8, 9, 10, 12, 13, 14, 0x80, 0x80, 0x80, 0x80);
        Vector256<int> sixteen = Vector256.Create(16), half = Vector256.Create(128), rounding = Vector256.Create(Rounding), zero = Vector256<int>.Zero, full = Vector256.Create(255);
        Vector256<int> yScale = Vector256.Create(YScale), rFromV = Vector256.Create(RFromV), gFromU = Vector256.Create(GFromU),
            gFromV = Vector256.Create(GFromV), bFromU = Vector256.Create(BFromU);
        int redShift = ro * 8, blueShift = bo * 8;
        fixed (byte* y = luma, cu = u, cv = v, dst = target)
        {
            for (; column <= last; column += 8)
            {
                Vector256<int> c = Avx2.MultiplyLow(Avx2.Subtract(Avx2.ConvertToVector256Int32(y + column), sixteen), yScale);
                Vector256<int> d = Avx2.PermuteVar8x32(Sse41.ConvertToVector128Int32(cu + (column >> 1)).ToVector256Unsafe(), duplicate) - half;
                Vector256<int> e = Avx2.PermuteVar8x32(Sse41.ConvertToVector128Int32(cv + (column >> 1)).ToVector256Unsafe(), duplicate) - half;
                Vector256<int> r = Vector256.Min(Vector256.Max((c + Avx2.MultiplyLow(e, rFromV) + rounding) >> 8, zero), full);
                Vector256<int> g = Vector256.Min(Vector256.Max((c + rounding - Avx2.MultiplyLow(d, gFromU) - Avx2.MultiplyLow(e, gFromV)) >> 8, zero), full);
                Vector256<int> b = Vector256.Min(Vector256.Max((c + Avx2.MultiplyLow(d, bFromU) + rounding) >> 8, zero), full);
                Vector256<byte> pixels = Avx2.Shuffle(((r << redShift) | (g << 8) | (b << blueShift)).AsByte(), pack);
                byte* p = dst + column * 3;
                Sse2.Store(p, pixels.GetLower());
                Sse2.Store(p + 12, pixels.GetUpper());
            }
        }
        return column;
    }

    /// <summary>
    /// Writes back into the planes what was drawn on <paramref name="rgb"/> inside the rectangle
    /// (widened to even coordinates), where <paramref name="rgb"/> held that rectangle converted by
    /// <see cref="ToRgb(ReadOnlySpan{byte}, int, int, ImageBuffer, int, int, int, int)"/> before drawing. Only
    /// changed pixels get a new Y, and only 2x2 blocks with a changed pixel a new U and V (from the
    /// block's average colour), so everything not drawn on stays bit-exact.
    /// </summary>
    public static void WriteBackChanges(Span<byte> planes, int width, int height, ImageBuffer rgb, int x, int y, int regionWidth, int regionHeight)
    {
        ArgumentNullException.ThrowIfNull(rgb);
        (int x0, int y0, int x1, int y1) = Check(planes.Length, width, height, rgb, x, y, regionWidth, regionHeight);
        var (ro, go, bo) = rgb.Format.ChannelOffsets();
        int bpp = rgb.Format.BytesPerPixel();
        ReadOnlySpan<byte> pixels = rgb.Span;
        int chromaWidth = width / 2, chromaPlane = chromaWidth * height / 2;
        Span<byte> uPlane = planes.Slice(width * height, chromaPlane);
        Span<byte> vPlane = planes.Slice(width * height + chromaPlane, chromaPlane);
        Span<int> original = stackalloc int[3];
        for (int row = y0; row < y1; row += 2)
        {
            for (int column = x0; column < x1; column += 2)
            {
                int chroma = row / 2 * chromaWidth + column / 2;
                int d = uPlane[chroma] - 128, e = vPlane[chroma] - 128;
                int sumR = 0, sumG = 0, sumB = 0;
                bool changed = false;
                for (int k = 0; k < 4; k++)
                {
                    int py = row + (k >> 1), px = column + (k & 1);
                    int p = py * rgb.Stride + px * bpp;
                    int r = pixels[p + ro], g = pixels[p + go], b = pixels[p + bo];
                    sumR += r;
                    sumG += g;
                    sumB += b;
                    ref byte luma = ref planes[py * width + px];
                    int c = YScale * (luma - 16);
                    if (r != Clamp((c + RFromV * e + Rounding) >> 8) || g != Clamp((c + Rounding - GFromU * d - GFromV * e) >> 8)
                        || b != Clamp((c + BFromU * d + Rounding) >> 8))
                    {
                        luma = Luma(r, g, b);
                        changed = true;
                    }
                }
                if (!changed) continue;
                uPlane[chroma] = BlockU(sumR, sumG, sumB);
                vPlane[chroma] = BlockV(sumR, sumG, sumB);
            }
        }
    }

    /// <summary>
    /// The Y, U and V this layout stores for one colour (BT.601 limited range, the inverse of
    /// <see cref="ToRgb(ReadOnlySpan{byte}, int, int, ImageBuffer)"/>): what a 2x2 block painted in
    /// that colour gets from <see cref="WriteBackChanges"/>.
    /// </summary>
    public static (byte Y, byte U, byte V) FromRgb(byte r, byte g, byte b) =>
        (Luma(r, g, b), BlockU(4 * r, 4 * g, 4 * b), BlockV(4 * r, 4 * g, 4 * b));

    private static byte Luma(int r, int g, int b) => Clamp(((66 * r + 129 * g + 25 * b + 128) >> 8) + 16);

    // From the sums of a 2x2 block's four pixels: the average's chroma, rounded once.
    private static byte BlockU(int sumR, int sumG, int sumB) => Clamp(((-38 * sumR - 74 * sumG + 112 * sumB + 512) >> 10) + 128);

    private static byte BlockV(int sumR, int sumG, int sumB) => Clamp(((112 * sumR - 94 * sumG - 18 * sumB + 512) >> 10) + 128);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static byte Clamp(int value) => (byte)Math.Clamp(value, 0, 255);

    private static (int X0, int Y0, int X1, int Y1) Check(int planeBytes, int width, int height, ImageBuffer rgb, int x, int y, int regionWidth, int regionHeight)
    {
        if (!Supports(width, height)) throw new ArgumentException($"4:2:0 frames need an even, positive size; got {width}x{height}.");
        if (planeBytes < FrameBytes(width, height))
            throw new ArgumentException($"The planes hold {planeBytes} bytes; a {width}x{height} frame needs {FrameBytes(width, height)}.", nameof(planeBytes));
        if (rgb.Width != width || rgb.Height != height || rgb.Format is PixelFormat.Gray8)
            throw new ArgumentException($"The colour buffer is {rgb.Width}x{rgb.Height} {rgb.Format}; it must be a {width}x{height} colour image.", nameof(rgb));
        int x0 = Math.Clamp(x, 0, width) & ~1, y0 = Math.Clamp(y, 0, height) & ~1;
        int x1 = Math.Min(width, (Math.Clamp(x + Math.Max(regionWidth, 0), 0, width) + 1) & ~1);
        int y1 = Math.Min(height, (Math.Clamp(y + Math.Max(regionHeight, 0), 0, height) + 1) & ~1);
        return (x0, y0, x1, y1);
    }
}
