using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace FaceMesh.Imaging;

/// <summary>
/// The MediaPipe CPU convention reproduced the way OpenCV's 8-bit <c>warpPerspective</c> with
/// <c>INTER_LINEAR</c> computes it: source coordinates in double, rounded to 1/32 pixel; tap weights
/// are products of 5-bit fractions (exact in OpenCV's 15-bit table); the weighted sum is rounded
/// half up to 8 bits and only then scaled to the tensor range.
/// </summary>
internal static unsafe class OpenCvSampler
{
    // Shared with OpenCvInteriorBlock, whose lanes must do exactly this arithmetic.
    internal const int FractionBits = 5;
    internal const int FractionScale = 1 << FractionBits;
    internal const int FractionMask = FractionScale - 1;
    // Weights are products of two 5-bit fractions: the sum carries 10 fractional bits.
    internal const int WeightShift = 2 * FractionBits;
    internal const int WeightHalf = 1 << (WeightShift - 1);
    // OpenCV walks the output in blocks of at most 1024 pixels and restarts its double accumulation
    // at each block's left column; keeping that order keeps rounding ties on the same side.
    private const int BlockPixels = 1024;
    private const int MaxBlockRows = 16;

    /// <param name="useVectors">False runs the scalar reference for the source positions and the blends (tests compare the two).</param>
    public static void Crop(ImageView image, RotatedRect roi, in CropTarget target, Span<float> destination, bool useVectors = true)
    {
        var src = new PixelSource(image);
        Homography m = OpenCvRoiCorners.OutputToSource(roi, target.Width, target.Height);
        Span<float> values = stackalloc float[ByteToRange.Size];
        ByteToRange.Fill(values, target.RangeMin, target.RangeMax);
        bool zeroBorder = target.Border == SamplingBorder.Zero;

        int width = target.Width, height = target.Height;
        // The per-pixel path below writes without bounds checks: the whole destination is checked once.
        if (destination.Length < checked(width * height * 3))
            throw new ArgumentException($"the destination holds {destination.Length} floats; a {width}x{height}x3 crop needs {width * height * 3}", nameof(destination));
        int blockRows = Math.Min(MaxBlockRows, height);
        int blockColumns = Math.Min(BlockPixels / blockRows, width);

        Span<int> fx = stackalloc int[blockColumns], fy = stackalloc int[blockColumns];
        bool blocks = useVectors && OpenCvInteriorBlock.Supports(src);
        var layout = new OpenCvInteriorBlock.Layout(src, target.RangeMin, target.RangeMax);
        ref float rgb = ref MemoryMarshal.GetReference(destination);
        int o = 0;
        fixed (byte* pixels = src.Pixels)
        {
            for (int j = 0; j < height; j++)
            {
                for (int blockX = 0; blockX < width; blockX += blockColumns)
                {
                    double x0 = m.M00 * blockX + m.M01 * j + m.M02;
                    double y0 = m.M10 * blockX + m.M11 * j + m.M12;
                    double w0 = m.M20 * blockX + m.M21 * j + m.M22;
                    int end = Math.Min(blockColumns, width - blockX);
                    SourcePoints(m, x0, y0, w0, fx[..end], fy[..end], useVectors);
                    int k = 0;
                    if (blocks)
                    {
                        for (; k + OpenCvInteriorBlock.Pixels <= end; k += OpenCvInteriorBlock.Pixels)
                        {
                            if (!OpenCvInteriorBlock.TrySample(pixels, layout, ref fx[k], ref fy[k], ref Unsafe.Add(ref rgb, o)))
                                for (int q = k; q < k + OpenCvInteriorBlock.Pixels; q++)
                                    SamplePixel(src, fx[q], fy[q], zeroBorder, values, ref Unsafe.Add(ref rgb, o + 3 * (q - k)));
                            o += 3 * OpenCvInteriorBlock.Pixels;
                        }
                    }
                    for (; k < end; k++, o += 3)
                        SamplePixel(src, fx[k], fy[k], zeroBorder, values, ref Unsafe.Add(ref rgb, o));
                }
            }
        }
    }

    /// <summary>
    /// The fixed-point source position (1/32 pixel) of each output pixel of a block row. Four at a
    /// time in double vectors where AVX is there: the same IEEE multiply, add, divide and
    /// round-half-even per lane as the scalar loop, so the same integers come out.
    /// </summary>
    private static void SourcePoints(in Homography m, double x0, double y0, double w0, Span<int> fx, Span<int> fy, bool useVectors)
    {
        int k = 0;
        if (useVectors && Avx.IsSupported)
        {
            Vector256<double> m00 = Vector256.Create(m.M00), m10 = Vector256.Create(m.M10), m20 = Vector256.Create(m.M20);
            Vector256<double> vx0 = Vector256.Create(x0), vy0 = Vector256.Create(y0), vw0 = Vector256.Create(w0);
            Vector256<double> scale = Vector256.Create((double)FractionScale), zero = Vector256<double>.Zero;
            Vector256<double> lanes = Vector256.Create(0d, 1d, 2d, 3d), step = Vector256.Create(4d);
            for (Vector256<double> kv = lanes; k + 4 <= fx.Length; k += 4, kv = Avx.Add(kv, step))
            {
                Vector256<double> w = Avx.Add(vw0, Avx.Multiply(m20, kv));
                w = Avx.BlendVariable(Avx.Divide(scale, w), zero, Avx.CompareEqual(w, zero));
                Avx.ConvertToVector128Int32WithTruncation(RoundSaturated(Avx.Multiply(Avx.Add(vx0, Avx.Multiply(m00, kv)), w)))
                    .StoreUnsafe(ref MemoryMarshal.GetReference(fx), (nuint)k);
                Avx.ConvertToVector128Int32WithTruncation(RoundSaturated(Avx.Multiply(Avx.Add(vy0, Avx.Multiply(m10, kv)), w)))
                    .StoreUnsafe(ref MemoryMarshal.GetReference(fy), (nuint)k);
            }
        }
        for (; k < fx.Length; k++)
        {
            double w = w0 + m.M20 * k;
            w = w != 0 ? FractionScale / w : 0;
            fx[k] = RoundToInt((x0 + m.M00 * k) * w);
            fy[k] = RoundToInt((y0 + m.M10 * k) * w);
        }
    }

    /// <summary>RoundToInt per lane, still in doubles: NaN to 0, clamped to the int range, then rounded half to even.</summary>
    private static Vector256<double> RoundSaturated(Vector256<double> v)
    {
        v = Avx.And(v, Avx.CompareOrdered(v, v));
        v = Avx.Min(Avx.Max(v, Vector256.Create((double)int.MinValue)), Vector256.Create((double)int.MaxValue));
        return Avx.RoundToNearestInteger(v);
    }

    /// <summary>Round half to even with saturation, like OpenCV's cvRound on a double.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int RoundToInt(double v)
    {
        v = Math.Clamp(v, int.MinValue, int.MaxValue);
        return (int)Math.Round(v, MidpointRounding.ToEven);
    }

    /// <param name="rgb">The first of the pixel's three floats; the caller has checked the destination's length.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void SamplePixel(in PixelSource src, int fx, int fy, bool zeroBorder, ReadOnlySpan<float> values, ref float rgb)
    {
        int sx = Math.Clamp(fx >> FractionBits, short.MinValue, short.MaxValue);
        int sy = Math.Clamp(fy >> FractionBits, short.MinValue, short.MaxValue);
        int ax = fx & FractionMask, ay = fy & FractionMask;
        int w00 = (FractionScale - ax) * (FractionScale - ay);
        int w10 = ax * (FractionScale - ay);
        int w01 = (FractionScale - ax) * ay;
        int w11 = ax * ay;
        ReadOnlySpan<byte> p = src.Pixels;
        // Every blend is in 0..255 (non-negative taps and weights, clamped above): the table lookup needs no check.
        ref float table = ref MemoryMarshal.GetReference(values);

        if ((uint)sx < (uint)(src.Width - 1) && (uint)sy < (uint)(src.Height - 1))
        {
            // All four taps are inside the image: read them without per-tap bounds checks.
            ref byte p00 = ref Unsafe.Add(ref MemoryMarshal.GetReference(p), src.OffsetOf(sx, sy));
            int right = src.BytesPerPixel, down = src.Stride;
            rgb = Unsafe.Add(ref table, Blend(ref Unsafe.Add(ref p00, src.RedOffset), right, down, w00, w10, w01, w11));
            Unsafe.Add(ref rgb, 1) = Unsafe.Add(ref table, Blend(ref Unsafe.Add(ref p00, src.GreenOffset), right, down, w00, w10, w01, w11));
            Unsafe.Add(ref rgb, 2) = Unsafe.Add(ref table, Blend(ref Unsafe.Add(ref p00, src.BlueOffset), right, down, w00, w10, w01, w11));
            return;
        }

        if (zeroBorder && (sx >= src.Width || sx + 1 < 0 || sy >= src.Height || sy + 1 < 0))
        {
            rgb = Unsafe.Add(ref rgb, 1) = Unsafe.Add(ref rgb, 2) = values[0];
            return;
        }

        // Straddling the edge: each tap is clamped (replicate) or reads black (zero) on its own.
        int t00 = TapOffset(src, sx, sy, zeroBorder);
        int t10 = TapOffset(src, sx + 1, sy, zeroBorder);
        int t01 = TapOffset(src, sx, sy + 1, zeroBorder);
        int t11 = TapOffset(src, sx + 1, sy + 1, zeroBorder);
        rgb = values[BlendWithBorder(p, t00, t10, t01, t11, src.RedOffset, w00, w10, w01, w11)];
        Unsafe.Add(ref rgb, 1) = values[BlendWithBorder(p, t00, t10, t01, t11, src.GreenOffset, w00, w10, w01, w11)];
        Unsafe.Add(ref rgb, 2) = values[BlendWithBorder(p, t00, t10, t01, t11, src.BlueOffset, w00, w10, w01, w11)];
    }

    /// <param name="tap00">The channel's byte in the top-left tap; the other three are one pixel right and/or one row down.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Blend(ref byte tap00, int right, int down, int w00, int w10, int w01, int w11)
    {
        int sum = tap00 * w00 + Unsafe.Add(ref tap00, right) * w10 + Unsafe.Add(ref tap00, down) * w01 + Unsafe.Add(ref tap00, down + right) * w11;
        return Math.Min((sum + WeightHalf) >> WeightShift, 255);
    }

    /// <summary>Offset of a tap, or -1 for a zero-border tap outside the image.</summary>
    private static int TapOffset(in PixelSource src, int x, int y, bool zeroBorder)
    {
        if (src.Contains(x, y)) return src.OffsetOf(x, y);
        if (zeroBorder) return -1;
        return src.OffsetOf(Math.Clamp(x, 0, src.Width - 1), Math.Clamp(y, 0, src.Height - 1));
    }

    private static int BlendWithBorder(ReadOnlySpan<byte> p, int t00, int t10, int t01, int t11, int c, int w00, int w10, int w01, int w11)
    {
        int sum = Tap(p, t00, c) * w00 + Tap(p, t10, c) * w10 + Tap(p, t01, c) * w01 + Tap(p, t11, c) * w11;
        return Math.Min((sum + WeightHalf) >> WeightShift, 255);
    }

    private static int Tap(ReadOnlySpan<byte> p, int offset, int channel) => offset < 0 ? 0 : p[offset + channel];
}
