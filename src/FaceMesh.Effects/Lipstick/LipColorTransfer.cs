using FaceMesh.Imaging;

namespace FaceMesh.Effects;

/// <summary>
/// The colour step of <see cref="Lipstick"/>, in linear light. Each lip pixel's luminance is
/// split into the lips' typical (median) luminance and its ratio to it (shading and texture). The new colour is the
/// lipstick's chromaticity at a base lightness between the lips' and the lipstick's, times that
/// ratio; the part of a highlight above the highlight threshold is added back as neutral light.
/// </summary>
internal static class LipColorTransfer
{
    private const float MinimumLuminance = 1e-4f;
    private const double HighlightPercentile = 0.97;

    public static void Apply(ImageBuffer image, CoverageMask mask, Rgb color, float opacity, LipstickOptions options)
    {
        var (ro, go, bo) = image.Format.ChannelOffsets();
        int bpp = image.Format.BytesPerPixel();

        Span<double> histogram = stackalloc double[256];
        if (!LuminanceHistogram(image, mask, ro, go, bo, bpp, histogram)) return;
        float typicalLuminance = MathF.Max(Percentile(histogram, 0.5), MinimumLuminance);

        // A tiny grey floor keeps a black lipstick's chromaticity defined.
        float tr = SrgbTransfer.ToLinear(color.R) + 1e-3f, tg = SrgbTransfer.ToLinear(color.G) + 1e-3f, tb = SrgbTransfer.ToLinear(color.B) + 1e-3f;
        float targetLuminance = SrgbTransfer.Luminance(tr, tg, tb);
        // Geometric interpolation: lightness is perceived on a ratio scale.
        float baseLuminance = MathF.Exp(float.Lerp(MathF.Log(typicalLuminance), MathF.Log(targetLuminance), Math.Clamp(options.LightnessTransfer, 0f, 1f)));
        float scale = baseLuminance / targetLuminance;
        float cr = tr * scale, cg = tg * scale, cb = tb * scale;
        // Only the brightest few percent can be specular: a lower lip lit twice as strongly as the
        // upper one is shading, and must take the lipstick's colour.
        float shading = Math.Clamp(options.Shading, 0f, 1f);
        float highlightStart = MathF.Max(options.HighlightThreshold * typicalLuminance, Percentile(histogram, HighlightPercentile));

        for (int y = 0; y < mask.Height; y++)
        {
            Span<float> weights = mask.Row(y);
            Span<byte> row = image.Row(mask.Top + y);
            for (int x = 0; x < mask.Width; x++)
            {
                float weight = weights[x] * opacity;
                if (!(weight > 0)) continue;
                int i = (mask.Left + x) * bpp;
                float r = SrgbTransfer.ToLinear(row[i + ro]), g = SrgbTransfer.ToLinear(row[i + go]), b = SrgbTransfer.ToLinear(row[i + bo]);
                float luminance = SrgbTransfer.Luminance(r, g, b);
                float diffuse = MathF.Pow(MathF.Min(luminance, highlightStart) / typicalLuminance, shading);
                float highlight = MathF.Max(luminance - highlightStart, 0f);
                row[i + ro] = SrgbTransfer.ToByte(float.Lerp(r, MathF.Min(cr * diffuse + highlight, 1f), weight));
                row[i + go] = SrgbTransfer.ToByte(float.Lerp(g, MathF.Min(cg * diffuse + highlight, 1f), weight));
                row[i + bo] = SrgbTransfer.ToByte(float.Lerp(b, MathF.Min(cb * diffuse + highlight, 1f), weight));
            }
        }
    }

    /// <summary>
    /// Mask-weighted histogram of the lips' luminance, binned by its sRGB encoding (perceptually
    /// even steps). Percentiles rather than a mean describe the lips, so the dark crease between
    /// them and small highlights do not shift the reference everything is measured against.
    /// </summary>
    /// <returns>False when the mask is empty.</returns>
    private static bool LuminanceHistogram(ImageBuffer image, CoverageMask mask, int ro, int go, int bo, int bpp, Span<double> histogram)
    {
        histogram.Clear();
        double total = 0;
        for (int y = 0; y < mask.Height; y++)
        {
            Span<float> weights = mask.Row(y);
            Span<byte> row = image.Row(mask.Top + y);
            for (int x = 0; x < mask.Width; x++)
            {
                float w = weights[x];
                if (!(w > 0)) continue;
                int i = (mask.Left + x) * bpp;
                float luminance = SrgbTransfer.Luminance(SrgbTransfer.ToLinear(row[i + ro]), SrgbTransfer.ToLinear(row[i + go]), SrgbTransfer.ToLinear(row[i + bo]));
                histogram[SrgbTransfer.ToByte(luminance)] += w;
                total += w;
            }
        }
        if (!(total > 0)) return false;
        foreach (ref double bin in histogram) bin /= total;
        return true;
    }

    /// <summary>Linear luminance below which the given fraction of the (normalised) histogram lies.</summary>
    private static float Percentile(ReadOnlySpan<double> histogram, double fraction)
    {
        double cumulative = 0;
        for (int bin = 0; bin < histogram.Length; bin++)
        {
            cumulative += histogram[bin];
            if (cumulative >= fraction) return SrgbTransfer.ToLinear((byte)bin);
        }
        return SrgbTransfer.ToLinear(255);
    }
}
