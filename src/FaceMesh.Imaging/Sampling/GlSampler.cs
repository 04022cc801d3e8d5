namespace FaceMesh.Imaging;

/// <summary>
/// The MediaPipe GPU (WebGL) convention: each output pixel centre <c>((i+0.5)/T, (j+0.5)/T)</c> is
/// mapped in float through MediaPipe's ROI matrix to a normalised texture coordinate, which
/// <c>GL_LINEAR</c> samples with texel centres at <c>(k+0.5)/W</c> and <c>CLAMP_TO_EDGE</c> taps.
/// WebGL 2 has no border colour, so a zero-border crop forces samples whose texture coordinate
/// leaves [0, 1] (inclusive) to zero instead. Values stay in float (no 8-bit rounding).
/// </summary>
internal static unsafe class GlSampler
{
    /// <param name="useVectors">False runs the scalar reference only (tests compare the two).</param>
    public static void Crop(ImageView image, RotatedRect roi, in CropTarget target, Span<float> destination, bool useVectors = true)
    {
        var src = new PixelSource(image);
        bool zeroBorder = target.Border == SamplingBorder.Zero;
        float scale = (target.RangeMax - target.RangeMin) / 255f;
        float min = target.RangeMin;

        // MediaPipe's sub-rect-to-rect matrix (rows 0 and 1), normalised by the image size.
        float a = roi.Width, b = roi.Height;
        float c = MathF.Cos(roi.Rotation), d = MathF.Sin(roi.Rotation);
        float g = 1f / src.Width, h = 1f / src.Height;
        float m0 = a * c * g, m1 = -b * d * g, m3 = (-0.5f * a * c + 0.5f * b * d + roi.CenterX) * g;
        float m4 = a * d * h, m5 = b * c * h, m7 = (-0.5f * b * c - 0.5f * a * d + roi.CenterY) * h;

        if (destination.Length < checked(target.Width * target.Height * 3))
            throw new ArgumentException($"the destination holds {destination.Length} floats; a {target.Width}x{target.Height}x3 crop needs {target.Width * target.Height * 3}", nameof(destination));
        var row = new RowMapping(m0, m4, target.Width, zeroBorder, scale, min);
        bool blocks = useVectors && GlBlock.Supports(src);
        var layout = new GlBlock.Layout(src, row);
        int o = 0;
        fixed (byte* pixels = src.Pixels)
        {
            for (int j = 0; j < target.Height; j++)
            {
                float v = (j + 0.5f) / target.Height;
                float rowU = m1 * v + m3, rowV = m5 * v + m7;
                int i = 0;
                if (blocks)
                {
                    for (; i + GlBlock.Pixels <= target.Width; i += GlBlock.Pixels, o += 3 * GlBlock.Pixels)
                        if (!GlBlock.TrySample(pixels, layout, i, rowU, rowV, ref destination[o]))
                            for (int q = i; q < i + GlBlock.Pixels; q++) SamplePixel(src, row, q, rowU, rowV, destination.Slice(o + 3 * (q - i), 3));
                }
                for (; i < target.Width; i++, o += 3)
                    SamplePixel(src, row, i, rowU, rowV, destination.Slice(o, 3));
            }
        }
    }

    /// <summary>What maps an output column of any row to its texture coordinate and value (the vector blocks take it too).</summary>
    internal readonly record struct RowMapping(float M0, float M4, int TargetWidth, bool ZeroBorder, float Scale, float Min);

    private static void SamplePixel(in PixelSource src, in RowMapping row, int i, float rowU, float rowV, Span<float> rgb)
    {
        float u = (i + 0.5f) / row.TargetWidth;
        float tu = row.M0 * u + rowU, tv = row.M4 * u + rowV;
        if (row.ZeroBorder && !(tu >= 0f && tu <= 1f && tv >= 0f && tv <= 1f))
        {
            rgb.Fill(row.Min);
            return;
        }
        SampleClamped(src, tu * src.Width - 0.5f, tv * src.Height - 0.5f, rgb);
        rgb[0] = rgb[0] * row.Scale + row.Min;
        rgb[1] = rgb[1] * row.Scale + row.Min;
        rgb[2] = rgb[2] * row.Scale + row.Min;
    }

    /// <summary>Bilinear at texel-space (px, py) with edge clamping; writes raw 0..255 floats.</summary>
    private static void SampleClamped(in PixelSource src, float px, float py, Span<float> rgb)
    {
        if (float.IsNaN(px) || float.IsNaN(py)) { rgb.Clear(); return; }
        float fx = MathF.Floor(px), fy = MathF.Floor(py);
        float ax = px - fx, ay = py - fy;
        int x0 = (int)Math.Clamp(fx, -1f, src.Width - 1f), y0 = (int)Math.Clamp(fy, -1f, src.Height - 1f);
        int xa = Math.Clamp(x0, 0, src.Width - 1), xb = Math.Clamp(x0 + 1, 0, src.Width - 1);
        int ya = Math.Clamp(y0, 0, src.Height - 1), yb = Math.Clamp(y0 + 1, 0, src.Height - 1);
        int o00 = src.OffsetOf(xa, ya), o10 = src.OffsetOf(xb, ya), o01 = src.OffsetOf(xa, yb), o11 = src.OffsetOf(xb, yb);
        ReadOnlySpan<byte> p = src.Pixels;
        rgb[0] = Lerp2(p, o00, o10, o01, o11, src.RedOffset, ax, ay);
        rgb[1] = Lerp2(p, o00, o10, o01, o11, src.GreenOffset, ax, ay);
        rgb[2] = Lerp2(p, o00, o10, o01, o11, src.BlueOffset, ax, ay);
    }

    private static float Lerp2(ReadOnlySpan<byte> p, int o00, int o10, int o01, int o11, int c, float ax, float ay)
    {
        float top = p[o00 + c] + (p[o10 + c] - p[o00 + c]) * ax;
        float bottom = p[o01 + c] + (p[o11 + c] - p[o01 + c]) * ax;
        return top + (bottom - top) * ay;
    }
}
