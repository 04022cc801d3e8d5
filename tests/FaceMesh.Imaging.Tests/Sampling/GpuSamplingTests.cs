using FaceMesh.Imaging;

namespace FaceMesh.Imaging.Tests;

public class GpuSamplingTests
{
    [Fact]
    public void Samples_at_half_pixel_centres_with_edge_clamping()
    {
        // Texel x for sample i = (i + 0.5) / 2 - 0.5 = -0.25, 0.25, 0.75, 1.25; outside clamps to the edge.
        var image = TestImages.Red(2, 1, 40, 200);
        var roi = new RotatedRect(1f, 0.5f, 2f, 1f, 0f);
        foreach (var border in new[] { SamplingBorder.Zero, SamplingBorder.Replicate })
        {
            var red = TestImages.Channel(TestImages.Crop(image, roi, 4, 1, Sampling.MediaPipeGpu, border), 0);
            Assert.Equal(new[] { 40f, 80f, 160f, 200f }, red, new FloatTolerance(1e-4f));
        }
    }

    [Fact]
    public void Zero_border_cuts_hard_outside_the_unit_square_and_replicate_does_not()
    {
        // 4 px wide region on a 2 px image: texture u = -0.25, 0.25, 0.75, 1.25.
        var image = TestImages.Red(2, 1, 40, 200);
        var roi = new RotatedRect(1f, 0.5f, 4f, 1f, 0f);
        var zero = TestImages.Channel(TestImages.Crop(image, roi, 4, 1, Sampling.MediaPipeGpu, SamplingBorder.Zero, -1, 1), 0);
        var replicate = TestImages.Channel(TestImages.Crop(image, roi, 4, 1, Sampling.MediaPipeGpu, SamplingBorder.Replicate), 0);
        Assert.Equal(new[] { -1f, 40 * 2f / 255 - 1, 200 * 2f / 255 - 1, -1f }, zero, new FloatTolerance(1e-6f));
        Assert.Equal(new[] { 40f, 40f, 200f, 200f }, replicate, new FloatTolerance(1e-4f));
    }

    [Fact]
    public void Texture_coordinates_exactly_0_and_1_are_inside()
    {
        // Two samples at u = 0 and u = 1 exactly: both read the clamped edge texel, not zero.
        var image = TestImages.Red(2, 1, 40, 200);
        var roi = new RotatedRect(1f, 0.5f, 4f, 1f, 0f);
        var red = TestImages.Channel(TestImages.Crop(image, roi, 2, 1, Sampling.MediaPipeGpu, SamplingBorder.Zero), 0);
        Assert.Equal(new[] { 40f, 200f }, red);
    }

    [Fact]
    public void Keeps_float_precision_without_8_bit_rounding()
    {
        var image = TestImages.Red(2, 1, 0, 1);
        var roi = new RotatedRect(1f, 0.5f, 2f, 1f, 0f);
        var red = TestImages.Channel(TestImages.Crop(image, roi, 4, 1, Sampling.MediaPipeGpu, SamplingBorder.Replicate, 0, 1), 0);
        Assert.Equal(0.25f / 255f, red[1], 1e-9f);
    }

    [Fact]
    public void Positive_rotation_turns_the_region_clockwise()
    {
        byte[] red = [.. Enumerable.Range(0, 16).Select(k => (byte)(10 * (k / 4)))];
        var image = TestImages.Red(4, 4, red);
        var roi = new RotatedRect(2f, 2f, 4f, 4f, MathF.PI / 2);
        var tensor = TestImages.Channel(TestImages.Crop(image, roi, 4, 4, Sampling.MediaPipeGpu, SamplingBorder.Replicate), 0);
        // Tensor row 0 runs down image column 3: rows 0..3 at their texel centres.
        Assert.Equal(new[] { 0f, 10f, 20f, 30f }, tensor[..4], new FloatTolerance(1e-3f));
    }

    [Fact]
    public void Matches_the_spec_formula_on_a_rotated_crop()
    {
        var image = TestImages.Random(40, 30, seed: 4);
        var roi = new RotatedRect(20.1f, 14.2f, 22f, 22f, 0.45f);
        const int T = 16;
        var tensor = TestImages.Crop(image, roi, T, T, Sampling.MediaPipeGpu, SamplingBorder.Replicate);
        var px = image.Pixels.ToArray();
        for (int j = 0; j < T; j += 5)
            for (int i = 0; i < T; i += 3)
            {
                double c = Math.Cos(roi.Rotation), s = Math.Sin(roi.Rotation);
                double u = (i + 0.5) / T - 0.5, v = (j + 0.5) / T - 0.5;
                double sx = roi.CenterX + c * u * roi.Width - s * v * roi.Height - 0.5;
                double sy = roi.CenterY + s * u * roi.Width + c * v * roi.Height - 0.5;
                int x0 = (int)Math.Floor(sx), y0 = (int)Math.Floor(sy);
                double ax = sx - x0, ay = sy - y0;
                double At(int x, int y) => px[(Math.Clamp(y, 0, 29) * 40 + Math.Clamp(x, 0, 39)) * 3 + 1];
                double expected = At(x0, y0) * (1 - ax) * (1 - ay) + At(x0 + 1, y0) * ax * (1 - ay)
                                + At(x0, y0 + 1) * (1 - ax) * ay + At(x0 + 1, y0 + 1) * ax * ay;
                Assert.Equal(expected, tensor[(j * T + i) * 3 + 1], tolerance: 2e-3);
            }
    }
}

internal sealed class FloatTolerance(float tolerance) : IEqualityComparer<float>
{
    public bool Equals(float x, float y) => Math.Abs(x - y) <= tolerance;
    public int GetHashCode(float obj) => 0;
}
