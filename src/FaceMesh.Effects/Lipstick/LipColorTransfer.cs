using FaceMesh.Imaging;

namespace FaceMesh.Effects;

/// <summary>
/// The colour step of <see cref="Lipstick"/>, in linear light. Each lip pixel's luminance is
/// split into the lip mean and its ratio to it (shading and texture). The new colour is the
/// lipstick's chromaticity at a base lightness between the lips' and the lipstick's, times that
/// ratio; the part of a highlight above the highlight threshold is added back as neutral light.
/// </summary>
internal static class LipColorTransfer
{
    private const float MinimumLuminance = 1e-4f;

    public static void Apply(ImageBuffer image, CoverageMask mask, Rgb color, float opacity, LipstickOptions options)
    {
        var (ro, go, bo) = image.Format.ChannelOffsets();
        int bpp = image.Format.BytesPerPixel();

        float meanLuminance = MeanLuminance(image, mask, ro, go, bo, bpp);
        if (float.IsNaN(meanLuminance)) return;
        meanLuminance = MathF.Max(meanLuminance, MinimumLuminance);

        // A tiny grey floor keeps a black lipstick's chromaticity defined.
        float tr = SrgbTransfer.ToLinear(color.R) + 1e-3f, tg = SrgbTransfer.ToLinear(color.G) + 1e-3f, tb = SrgbTransfer.ToLinear(color.B) + 1e-3f;
        float targetLuminance = SrgbTransfer.Luminance(tr, tg, tb);
        // Geometric interpolation: lightness is perceived on a ratio scale.
        float baseLuminance = MathF.Exp(float.Lerp(MathF.Log(meanLuminance), MathF.Log(targetLuminance), Math.Clamp(options.LightnessTransfer, 0f, 1f)));
        float scale = baseLuminance / targetLuminance;
        float cr = tr * scale, cg = tg * scale, cb = tb * scale;
        float highlightStart = options.HighlightThreshold * meanLuminance;

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
                float diffuse = MathF.Min(luminance, highlightStart) / meanLuminance;
                float highlight = MathF.Max(luminance - highlightStart, 0f);
                row[i + ro] = SrgbTransfer.ToByte(float.Lerp(r, MathF.Min(cr * diffuse + highlight, 1f), weight));
                row[i + go] = SrgbTransfer.ToByte(float.Lerp(g, MathF.Min(cg * diffuse + highlight, 1f), weight));
                row[i + bo] = SrgbTransfer.ToByte(float.Lerp(b, MathF.Min(cb * diffuse + highlight, 1f), weight));
            }
        }
    }

    /// <summary>Mask-weighted mean linear luminance of the lips; NaN when the mask is empty.</summary>
    private static float MeanLuminance(ImageBuffer image, CoverageMask mask, int ro, int go, int bo, int bpp)
    {
        double sum = 0, total = 0;
        for (int y = 0; y < mask.Height; y++)
        {
            Span<float> weights = mask.Row(y);
            Span<byte> row = image.Row(mask.Top + y);
            for (int x = 0; x < mask.Width; x++)
            {
                float w = weights[x];
                if (!(w > 0)) continue;
                int i = (mask.Left + x) * bpp;
                sum += w * SrgbTransfer.Luminance(SrgbTransfer.ToLinear(row[i + ro]), SrgbTransfer.ToLinear(row[i + go]), SrgbTransfer.ToLinear(row[i + bo]));
                total += w;
            }
        }
        return total > 0 ? (float)(sum / total) : float.NaN;
    }
}
