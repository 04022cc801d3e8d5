using System.Numerics;
using FaceMesh.Imaging;

namespace FaceMesh.Effects.Tests;

public sealed class LipstickTests
{
    private static readonly Vector2 Center = new(100, 70);
    private static readonly Vector2 OuterRadii = new(60, 30);
    private static readonly Vector2 InnerRadii = new(40, 10);
    private static readonly Rgb Crimson = new(190, 20, 60);
    private static readonly Vector2[] Face = SyntheticFace.Lips(Center, OuterRadii, InnerRadii);

    [Fact]
    public void Lip_band_takes_the_lipstick_hue()
    {
        using ImageBuffer image = TestImages.PinkGradient(200, 140);
        (int X, int Y)[] band = [(100, 90), (100, 50), (85, 88), (120, 52)];
        double targetHue = TestImages.Hue((Crimson.R, Crimson.G, Crimson.B));
        double[] before = band.Select(p => TestImages.HueDistance(TestImages.Hue(TestImages.Pixel(image, p.X, p.Y)), targetHue)).ToArray();

        Lipstick.Apply(image, Face, Crimson, 1f);

        for (int i = 0; i < band.Length; i++)
        {
            double after = TestImages.HueDistance(TestImages.Hue(TestImages.Pixel(image, band[i].X, band[i].Y)), targetHue);
            Assert.True(after < before[i] && after < 6, $"{band[i]}: hue distance {before[i]:F1} -> {after:F1}");
        }
    }

    [Theory]
    [InlineData(PixelFormat.Rgb24)]
    [InlineData(PixelFormat.Bgra32)]
    public void Outside_the_lips_and_inside_the_mouth_nothing_changes(PixelFormat format)
    {
        using ImageBuffer original = Convert(TestImages.PinkGradient(200, 140), format);
        using ImageBuffer image = Convert(TestImages.PinkGradient(200, 140), format);

        Lipstick.Apply(image, Face, Crimson, 1f);

        int checkedOutside = 0, checkedMouth = 0, changed = 0;
        for (int y = 0; y < image.Height; y++)
            for (int x = 0; x < image.Width; x++)
            {
                var centre = new Vector2(x + 0.5f, y + 0.5f);
                bool outside = !SyntheticFace.InEllipse(centre, Center, OuterRadii + Vector2.One);
                // The inner ring is a 20-gon inscribed in its ellipse, so stay clear of its chords.
                bool inMouth = SyntheticFace.InEllipse(centre, Center, InnerRadii * 0.95f - Vector2.One);
                if (!outside && !inMouth) continue;
                if (outside) checkedOutside++; else checkedMouth++;
                if (!image.Row(y).Slice(x * image.Format.BytesPerPixel(), image.Format.BytesPerPixel())
                        .SequenceEqual(original.Row(y).Slice(x * image.Format.BytesPerPixel(), image.Format.BytesPerPixel())))
                    changed++;
            }
        Assert.Equal(0, changed);
        Assert.True(checkedOutside > 20_000 && checkedMouth > 800, $"{checkedOutside} outside, {checkedMouth} in the mouth");
    }

    [Fact]
    public void Zero_opacity_leaves_the_image_untouched()
    {
        using ImageBuffer image = TestImages.PinkGradient(200, 140);
        byte[] before = image.Span.ToArray();
        Lipstick.Apply(image, Face, Crimson, 0f);
        Assert.True(before.AsSpan().SequenceEqual(image.Span));
    }

    [Fact]
    public void Same_input_gives_the_same_bytes()
    {
        using ImageBuffer a = TestImages.PinkGradient(200, 140);
        using ImageBuffer b = TestImages.PinkGradient(200, 140);
        Lipstick.Apply(a, Face, Crimson, 0.8f);
        Lipstick.Apply(b, Face, Crimson, 0.8f);
        Assert.True(a.Span.SequenceEqual(b.Span));
    }

    [Fact]
    public void Shading_inside_the_lips_survives()
    {
        using ImageBuffer image = TestImages.PinkGradient(200, 140);
        int[] xs = [80, 87, 94, 100, 107, 114, 120]; // clear of the feathered ends of the band
        const int y = 91; // middle of the lower lip band
        double[] before = xs.Select(x => TestImages.Luma(TestImages.Pixel(image, x, y))).ToArray();

        Lipstick.Apply(image, Face, Crimson, 1f);

        double[] after = xs.Select(x => TestImages.Luma(TestImages.Pixel(image, x, y))).ToArray();
        for (int i = 1; i < xs.Length; i++) Assert.True(after[i] > after[i - 1], $"luma {string.Join(", ", after.Select(v => v.ToString("F1")))}");
        // Not a flat sticker: the linear-light contrast end to end is kept, to the power of the
        // Shading option (part of bare-lip variation is colour the pigment hides).
        double ratioBefore = Linear(before[^1]) / Linear(before[0]), ratioAfter = Linear(after[^1]) / Linear(after[0]);
        double expected = Math.Pow(ratioBefore, new LipstickOptions().Shading);
        Assert.InRange(ratioAfter / expected, 0.85, 1.15);
    }

    [Fact]
    public void Specular_highlights_stay_bright_and_neutral()
    {
        using ImageBuffer image = TestImages.PinkGradient(200, 140);
        for (int y = 88; y <= 92; y++)
            for (int x = 98; x <= 102; x++) { Span<byte> row = image.Row(y); row[x * 3] = 255; row[x * 3 + 1] = 250; row[x * 3 + 2] = 250; }

        Lipstick.Apply(image, Face, Crimson, 1f);

        var spot = TestImages.Pixel(image, 100, 90);
        var beside = TestImages.Pixel(image, 100, 95);
        Assert.True(spot.G > 150 && spot.B > 150, $"highlight became {spot}");
        Assert.True(beside.G < 80, $"lip beside the highlight is {beside}");
    }

    [Fact]
    public void Partial_opacity_lands_between_original_and_full()
    {
        using ImageBuffer half = TestImages.PinkGradient(200, 140);
        using ImageBuffer full = TestImages.PinkGradient(200, 140);
        using ImageBuffer original = TestImages.PinkGradient(200, 140);
        Lipstick.Apply(half, Face, Crimson, 0.5f);
        Lipstick.Apply(full, Face, Crimson, 1f);
        var (o, h, f) = (TestImages.Pixel(original, 100, 90), TestImages.Pixel(half, 100, 90), TestImages.Pixel(full, 100, 90));
        Assert.InRange(h.G, Math.Min(o.G, f.G), Math.Max(o.G, f.G));
        Assert.NotEqual(o, h);
        Assert.NotEqual(f, h);
    }

    [Fact]
    public void Edges_are_soft()
    {
        using ImageBuffer original = TestImages.PinkGradient(200, 140);
        using ImageBuffer image = TestImages.PinkGradient(200, 140);
        Lipstick.Apply(image, Face, new Rgb(20, 20, 200), 1f);
        // Walk down from the mouth opening to below the lower lip at x = 100: the change should
        // ramp up and back down rather than jump straight to full strength.
        var changes = Enumerable.Range(80, 22).Select(y => Math.Abs(TestImages.Pixel(image, 100, y).B - TestImages.Pixel(original, 100, y).B)).ToArray();
        int full = changes.Max();
        Assert.Contains(changes, c => c > full / 5 && c < full * 4 / 5);
    }

    [Fact]
    public void Damaged_or_off_image_landmarks_do_not_throw()
    {
        using ImageBuffer image = TestImages.PinkGradient(200, 140);
        byte[] before = image.Span.ToArray();
        Vector2[] nan = (Vector2[])Face.Clone();
        nan[61] = new Vector2(float.NaN, 3);
        Lipstick.Apply(image, nan, Crimson, 1f);
        Assert.True(before.AsSpan().SequenceEqual(image.Span));

        Lipstick.Apply(image, SyntheticFace.Lips(new Vector2(-500, 70), OuterRadii, InnerRadii), Crimson, 1f);
        Assert.True(before.AsSpan().SequenceEqual(image.Span));
        Lipstick.Apply(image, SyntheticFace.Lips(new Vector2(195, 135), OuterRadii, InnerRadii), Crimson, 1f);
        Lipstick.Apply(image, Face.AsSpan(0, 468), Crimson, 1f);
    }

    [Fact]
    public void Invalid_arguments_are_rejected()
    {
        using ImageBuffer image = TestImages.PinkGradient(20, 20);
        Assert.Throws<ArgumentOutOfRangeException>(() => Lipstick.Apply(image, Face, Crimson, 1.5f));
        Assert.Throws<ArgumentOutOfRangeException>(() => Lipstick.Apply(image, Face, Crimson, float.NaN));
        Assert.Throws<ArgumentException>(() => Lipstick.Apply(image, new Vector2[10], Crimson, 1f));
    }

    private static double Linear(double luma8) => Math.Pow(luma8 / 255.0, 2.2);

    private static ImageBuffer Convert(ImageBuffer rgb, PixelFormat format)
    {
        using (rgb)
        {
            var result = new ImageBuffer(rgb.Width, rgb.Height, format);
            result.CopyFrom(rgb.View);
            return result;
        }
    }
}
