using FaceMesh.Imaging;

namespace FaceMesh.Imaging.Tests;

public class CpuSamplingTests
{
    // true = OpenCV fixed point (the default), false = the float reference.
    public static TheoryData<bool> Kinds => new() { true, false };

    private static CpuSamplerKind Kind(bool fixedPoint) => fixedPoint ? CpuSamplerKind.OpenCvFixedPoint : CpuSamplerKind.FloatRounded;

    [Theory, MemberData(nameof(Kinds))]
    public void Whole_image_at_its_own_size_is_an_exact_copy(bool fixedPoint)
    {
        var image = TestImages.Random(5, 4, seed: 1);
        var tensor = TestImages.Crop(image, RotatedRect.WholeImage(5, 4), 5, 4, Sampling.MediaPipeCpu, SamplingBorder.Zero, kind: Kind(fixedPoint));
        var pixels = image.Pixels.ToArray();
        Assert.Equal(pixels.Select(p => (float)p), tensor);
    }

    [Theory, MemberData(nameof(Kinds))]
    public void Samples_at_i_over_T_without_half_pixel_offset(bool fixedPoint)
    {
        // Region centred on x = 1, 2 px wide, 4 samples: source x = i / 2 = 0, 0.5, 1, 1.5.
        var image = TestImages.Red(2, 1, 40, 200);
        var roi = new RotatedRect(1f, 0.5f, 2f, 1f, 0f);
        var replicate = TestImages.Channel(TestImages.Crop(image, roi, 4, 1, Sampling.MediaPipeCpu, SamplingBorder.Replicate, kind: Kind(fixedPoint)), 0);
        var zero = TestImages.Channel(TestImages.Crop(image, roi, 4, 1, Sampling.MediaPipeCpu, SamplingBorder.Zero, kind: Kind(fixedPoint)), 0);
        Assert.Equal(new float[] { 40, 120, 200, 200 }, replicate);
        // At x = 1.5 the right tap is outside: black pulls it to half.
        Assert.Equal(new float[] { 40, 120, 200, 100 }, zero);
    }

    [Theory, MemberData(nameof(Kinds))]
    public void Far_outside_reads_the_border(bool fixedPoint)
    {
        var image = TestImages.Red(2, 1, 40, 200);
        var roi = new RotatedRect(-10f, 0.5f, 2f, 1f, 0f);
        Assert.All(TestImages.Channel(TestImages.Crop(image, roi, 2, 1, Sampling.MediaPipeCpu, SamplingBorder.Zero, -1, 1, Kind(fixedPoint)), 0), v => Assert.Equal(-1f, v));
        Assert.All(TestImages.Channel(TestImages.Crop(image, roi, 2, 1, Sampling.MediaPipeCpu, SamplingBorder.Replicate, kind: Kind(fixedPoint)), 0), v => Assert.Equal(40f, v));
    }

    [Theory, MemberData(nameof(Kinds))]
    public void Rounds_to_8_bits_before_scaling(bool fixedPoint)
    {
        // x = 0.5 between 0 and 1 gives 0.5 -> rounds to 1 (half up) before the [-1, 1] scaling.
        var image = TestImages.Red(2, 1, 0, 1);
        var roi = new RotatedRect(1f, 0.5f, 2f, 1f, 0f);
        var red = TestImages.Channel(TestImages.Crop(image, roi, 4, 1, Sampling.MediaPipeCpu, SamplingBorder.Replicate, -1, 1, Kind(fixedPoint)), 0);
        Assert.Equal(1 * (2f / 255f) - 1, red[1]);
    }

    [Fact]
    public void Positive_rotation_turns_the_region_clockwise()
    {
        // Rows of increasing brightness downwards. Rotated by +90 degrees, the tensor's x axis runs
        // down the image, so tensor row values increase from left to right.
        byte[] red = [.. Enumerable.Range(0, 16).Select(k => (byte)(10 * (k / 4)))];
        var image = TestImages.Red(4, 4, red);
        var roi = new RotatedRect(2f, 2f, 4f, 4f, MathF.PI / 2);
        var tensor = TestImages.Channel(TestImages.Crop(image, roi, 4, 4, Sampling.MediaPipeCpu, SamplingBorder.Replicate), 0);
        Assert.Equal(new float[] { 0, 10, 20, 30 }, tensor[..4]);
    }

    [Fact]
    public void Fixed_point_matches_float_within_one_level_on_a_rotated_crop()
    {
        var image = TestImages.Random(40, 30, seed: 2);
        var roi = new RotatedRect(17.3f, 13.9f, 25.7f, 25.7f, 0.37f);
        var a = TestImages.Crop(image, roi, 24, 24, Sampling.MediaPipeCpu, SamplingBorder.Replicate, kind: CpuSamplerKind.OpenCvFixedPoint);
        var b = TestImages.Crop(image, roi, 24, 24, Sampling.MediaPipeCpu, SamplingBorder.Replicate, kind: CpuSamplerKind.FloatRounded);
        // Random noise has gradients up to 255 per pixel, so the 1/64 px coordinate rounding can
        // move a value by a few levels; on average the two agree to well under one level.
        var diffs = a.Zip(b, (x, y) => Math.Abs(x - y)).ToArray();
        Assert.All(diffs, d => Assert.InRange(d, 0f, 6f));
        Assert.True(diffs.Average() < 1.0, $"mean difference {diffs.Average()}");
    }

    [Fact]
    public void Float_variant_matches_the_spec_formula_on_a_rotated_crop()
    {
        var image = TestImages.Random(40, 30, seed: 3);
        var roi = new RotatedRect(20.1f, 14.2f, 22f, 22f, -0.6f);
        const int T = 16;
        var tensor = TestImages.Crop(image, roi, T, T, Sampling.MediaPipeCpu, SamplingBorder.Replicate, kind: CpuSamplerKind.FloatRounded);
        var px = image.Pixels.ToArray();
        for (int j = 0; j < T; j += 5)
            for (int i = 0; i < T; i += 3)
            {
                double c = Math.Cos(roi.Rotation), s = Math.Sin(roi.Rotation);
                double sx = roi.CenterX + c * ((double)i / T - 0.5) * roi.Width - s * ((double)j / T - 0.5) * roi.Height;
                double sy = roi.CenterY + s * ((double)i / T - 0.5) * roi.Width + c * ((double)j / T - 0.5) * roi.Height;
                int x0 = (int)Math.Floor(sx), y0 = (int)Math.Floor(sy);
                double ax = sx - x0, ay = sy - y0;
                double At(int x, int y) => px[(Math.Clamp(y, 0, 29) * 40 + Math.Clamp(x, 0, 39)) * 3];
                double v = At(x0, y0) * (1 - ax) * (1 - ay) + At(x0 + 1, y0) * ax * (1 - ay)
                         + At(x0, y0 + 1) * (1 - ax) * ay + At(x0 + 1, y0 + 1) * ax * ay;
                Assert.Equal(Math.Round(v, MidpointRounding.AwayFromZero), tensor[(j * T + i) * 3], 5);
            }
    }
}
