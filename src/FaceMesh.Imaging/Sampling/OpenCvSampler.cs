namespace FaceMesh.Imaging;

/// <summary>
/// The MediaPipe CPU convention reproduced the way OpenCV's 8-bit <c>warpPerspective</c> with
/// <c>INTER_LINEAR</c> computes it: source coordinates in double, rounded to 1/32 pixel; tap weights
/// are products of 5-bit fractions (exact in OpenCV's 15-bit table); the weighted sum is rounded
/// half up to 8 bits and only then scaled to the tensor range.
/// </summary>
internal static class OpenCvSampler
{
    private const int FractionBits = 5;
    private const int FractionScale = 1 << FractionBits;
    private const int FractionMask = FractionScale - 1;
    // Weights are products of two 5-bit fractions: the sum carries 10 fractional bits.
    private const int WeightShift = 2 * FractionBits;
    private const int WeightHalf = 1 << (WeightShift - 1);
    // OpenCV walks the output in blocks of at most 1024 pixels and restarts its double accumulation
    // at each block's left column; keeping that order keeps rounding ties on the same side.
    private const int BlockPixels = 1024;
    private const int MaxBlockRows = 16;

    public static void Crop(ImageView image, RotatedRect roi, in CropTarget target, Span<float> destination)
    {
        var src = new PixelSource(image);
        Homography m = OpenCvRoiCorners.OutputToSource(roi, target.Width, target.Height);
        Span<float> values = stackalloc float[ByteToRange.Size];
        ByteToRange.Fill(values, target.RangeMin, target.RangeMax);
        bool zeroBorder = target.Border == SamplingBorder.Zero;

        int width = target.Width, height = target.Height;
        int blockRows = Math.Min(MaxBlockRows, height);
        int blockColumns = Math.Min(BlockPixels / blockRows, width);

        int o = 0;
        for (int j = 0; j < height; j++)
        {
            for (int blockX = 0; blockX < width; blockX += blockColumns)
            {
                double x0 = m.M00 * blockX + m.M01 * j + m.M02;
                double y0 = m.M10 * blockX + m.M11 * j + m.M12;
                double w0 = m.M20 * blockX + m.M21 * j + m.M22;
                int end = Math.Min(blockColumns, width - blockX);
                for (int k = 0; k < end; k++, o += 3)
                {
                    double w = w0 + m.M20 * k;
                    w = w != 0 ? FractionScale / w : 0;
                    int fx = RoundToInt((x0 + m.M00 * k) * w);
                    int fy = RoundToInt((y0 + m.M10 * k) * w);
                    SamplePixel(src, fx, fy, zeroBorder, values, destination.Slice(o, 3));
                }
            }
        }
    }

    /// <summary>Round half to even with saturation, like OpenCV's cvRound on a double.</summary>
    private static int RoundToInt(double v)
    {
        v = Math.Clamp(v, int.MinValue, int.MaxValue);
        return (int)Math.Round(v, MidpointRounding.ToEven);
    }

    private static void SamplePixel(in PixelSource src, int fx, int fy, bool zeroBorder, ReadOnlySpan<float> values, Span<float> rgb)
    {
        int sx = Math.Clamp(fx >> FractionBits, short.MinValue, short.MaxValue);
        int sy = Math.Clamp(fy >> FractionBits, short.MinValue, short.MaxValue);
        int ax = fx & FractionMask, ay = fy & FractionMask;
        int w00 = (FractionScale - ax) * (FractionScale - ay);
        int w10 = ax * (FractionScale - ay);
        int w01 = (FractionScale - ax) * ay;
        int w11 = ax * ay;
        ReadOnlySpan<byte> p = src.Pixels;

        if ((uint)sx < (uint)(src.Width - 1) && (uint)sy < (uint)(src.Height - 1))
        {
            int o00 = src.OffsetOf(sx, sy), o10 = o00 + src.BytesPerPixel;
            int o01 = o00 + src.Stride, o11 = o01 + src.BytesPerPixel;
            rgb[0] = values[Blend(p, o00, o10, o01, o11, src.RedOffset, w00, w10, w01, w11)];
            rgb[1] = values[Blend(p, o00, o10, o01, o11, src.GreenOffset, w00, w10, w01, w11)];
            rgb[2] = values[Blend(p, o00, o10, o01, o11, src.BlueOffset, w00, w10, w01, w11)];
            return;
        }

        if (zeroBorder && (sx >= src.Width || sx + 1 < 0 || sy >= src.Height || sy + 1 < 0))
        {
            rgb.Fill(values[0]);
            return;
        }

        // Straddling the edge: each tap is clamped (replicate) or reads black (zero) on its own.
        int t00 = TapOffset(src, sx, sy, zeroBorder);
        int t10 = TapOffset(src, sx + 1, sy, zeroBorder);
        int t01 = TapOffset(src, sx, sy + 1, zeroBorder);
        int t11 = TapOffset(src, sx + 1, sy + 1, zeroBorder);
        rgb[0] = values[BlendWithBorder(p, t00, t10, t01, t11, src.RedOffset, w00, w10, w01, w11)];
        rgb[1] = values[BlendWithBorder(p, t00, t10, t01, t11, src.GreenOffset, w00, w10, w01, w11)];
        rgb[2] = values[BlendWithBorder(p, t00, t10, t01, t11, src.BlueOffset, w00, w10, w01, w11)];
    }

    private static int Blend(ReadOnlySpan<byte> p, int o00, int o10, int o01, int o11, int c, int w00, int w10, int w01, int w11)
    {
        int sum = p[o00 + c] * w00 + p[o10 + c] * w10 + p[o01 + c] * w01 + p[o11 + c] * w11;
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
