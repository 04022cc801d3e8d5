namespace FaceMesh.Imaging;

/// <summary>
/// The MediaPipe CPU convention computed in floating point: exact source coordinates
/// (<c>i/T</c>, no half-pixel offset), bilinear in double, rounded to 8 bits before scaling.
/// Kept as the reference the fixed-point <see cref="OpenCvSampler"/> is measured against.
/// </summary>
internal static class FloatCpuSampler
{
    public static void Crop(ImageView image, RotatedRect roi, in CropTarget target, Span<float> destination)
    {
        var src = new PixelSource(image);
        Span<float> values = stackalloc float[ByteToRange.Size];
        ByteToRange.Fill(values, target.RangeMin, target.RangeMax);
        bool zeroBorder = target.Border == SamplingBorder.Zero;

        double cos = Math.Cos(roi.Rotation), sin = Math.Sin(roi.Rotation);
        // Source position = centre + column term (along the ROI's x axis) + row term.
        double colStepX = cos * roi.Width / target.Width, colStepY = sin * roi.Width / target.Width;
        double rowStepX = -sin * roi.Height / target.Height, rowStepY = cos * roi.Height / target.Height;
        double originX = roi.CenterX - 0.5 * (cos * roi.Width - sin * roi.Height);
        double originY = roi.CenterY - 0.5 * (sin * roi.Width + cos * roi.Height);

        int o = 0;
        for (int j = 0; j < target.Height; j++)
        {
            double rowX = originX + rowStepX * j, rowY = originY + rowStepY * j;
            for (int i = 0; i < target.Width; i++, o += 3)
            {
                double sx = rowX + colStepX * i, sy = rowY + colStepY * i;
                Sample(src, sx, sy, zeroBorder, values, destination.Slice(o, 3));
            }
        }
    }

    private static void Sample(in PixelSource src, double sx, double sy, bool zeroBorder, ReadOnlySpan<float> values, Span<float> rgb)
    {
        double fx = Math.Floor(sx), fy = Math.Floor(sy);
        double ax = sx - fx, ay = sy - fy;
        int x0 = (int)Math.Clamp(fx, -2.0, src.Width + 1.0);
        int y0 = (int)Math.Clamp(fy, -2.0, src.Height + 1.0);
        int t00 = Tap(src, x0, y0, zeroBorder), t10 = Tap(src, x0 + 1, y0, zeroBorder);
        int t01 = Tap(src, x0, y0 + 1, zeroBorder), t11 = Tap(src, x0 + 1, y0 + 1, zeroBorder);
        double w00 = (1 - ax) * (1 - ay), w10 = ax * (1 - ay), w01 = (1 - ax) * ay, w11 = ax * ay;
        ReadOnlySpan<byte> p = src.Pixels;
        rgb[0] = values[Blend(p, t00, t10, t01, t11, src.RedOffset, w00, w10, w01, w11)];
        rgb[1] = values[Blend(p, t00, t10, t01, t11, src.GreenOffset, w00, w10, w01, w11)];
        rgb[2] = values[Blend(p, t00, t10, t01, t11, src.BlueOffset, w00, w10, w01, w11)];
    }

    private static int Tap(in PixelSource src, int x, int y, bool zeroBorder)
    {
        if (src.Contains(x, y)) return src.OffsetOf(x, y);
        if (zeroBorder) return -1;
        return src.OffsetOf(Math.Clamp(x, 0, src.Width - 1), Math.Clamp(y, 0, src.Height - 1));
    }

    private static int Blend(ReadOnlySpan<byte> p, int t00, int t10, int t01, int t11, int c, double w00, double w10, double w01, double w11)
    {
        double v = Value(p, t00, c) * w00 + Value(p, t10, c) * w10 + Value(p, t01, c) * w01 + Value(p, t11, c) * w11;
        return Math.Clamp((int)Math.Round(v, MidpointRounding.AwayFromZero), 0, 255);
    }

    private static double Value(ReadOnlySpan<byte> p, int offset, int channel) => offset < 0 ? 0 : p[offset + channel];
}
