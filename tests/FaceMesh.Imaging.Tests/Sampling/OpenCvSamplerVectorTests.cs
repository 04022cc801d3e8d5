using FaceMesh.Imaging;

namespace FaceMesh.Imaging.Tests;

/// <summary>
/// The OpenCV-exact sampler computes source positions four at a time in double vectors, and blends
/// eight pixels at a time whose taps are all inside the image; the scalar loops are the reference.
/// Both must give the same bits for every region, including ones far outside, tiny, huge, turned
/// and degenerate, and for every pixel format.
/// </summary>
public class OpenCvSamplerVectorTests
{
    public static TheoryData<int, int> Sizes => new() { { 192, 192 }, { 128, 128 }, { 7, 5 }, { 1, 1 }, { 257, 3 } };

    [Theory, MemberData(nameof(Sizes))]
    public void Vector_source_positions_give_the_scalar_crop_bit_for_bit(int width, int height)
    {
        var image = TestImages.Random(97, 61, seed: 5);
        var rng = new Random(width * 31 + height);
        var vector = new float[width * height * 3];
        var scalar = new float[width * height * 3];
        var extremes = new[]
        {
            new RotatedRect(1e6f, -1e6f, 4f, 4f, 0f),
            new RotatedRect(40f, 30f, 1e8f, 1e8f, 1f),
            new RotatedRect(48.5f, 30.5f, 97f, 61f, MathF.PI),
            new RotatedRect(float.NaN, 30f, 50f, 50f, 0f),
        };
        for (int trial = 0; trial < 60 + extremes.Length; trial++)
        {
            RotatedRect roi = trial < extremes.Length ? extremes[trial] : new RotatedRect(
                (float)(rng.NextDouble() * 160 - 30), (float)(rng.NextDouble() * 120 - 30),
                (float)(rng.NextDouble() * 150 + 0.01), (float)(rng.NextDouble() * 150 + 0.01),
                (float)(rng.NextDouble() * 7 - 3.5));
            foreach (SamplingBorder border in new[] { SamplingBorder.Zero, SamplingBorder.Replicate })
            {
                var target = new CropTarget(width, height, -1f, 1f, border);
                // A region the homography cannot be solved for is refused the same way on both paths.
                Type? vectorError = Record.Exception(() => OpenCvSampler.Crop(image, roi, target, vector, useVectors: true))?.GetType();
                Type? scalarError = Record.Exception(() => OpenCvSampler.Crop(image, roi, target, scalar, useVectors: false))?.GetType();
                Assert.Equal(scalarError, vectorError);
                Assert.Equal(scalar, vector);
            }
        }
    }

    public static TheoryData<PixelFormat> Formats => new() { PixelFormat.Rgb24, PixelFormat.Bgr24, PixelFormat.Rgba32, PixelFormat.Bgra32, PixelFormat.Gray8 };

    [Theory, MemberData(nameof(Formats))]
    public void Eight_pixel_blends_give_the_scalar_crop_bit_for_bit_in_every_format(PixelFormat format)
    {
        // Regions reaching the last row and column, so blocks end at the buffer's final pixel
        // (where a 4-byte read of a 3-byte pixel would run past it) and straddle the edges.
        var image = TestImages.Random(61, 47, seed: 11, format);
        var rng = new Random(3);
        var vector = new float[192 * 192 * 3];
        var scalar = new float[192 * 192 * 3];
        var regions = new List<RotatedRect> { RotatedRect.WholeImage(61, 47), new(45f, 35f, 31f, 23f, 0f), new(58f, 44f, 8f, 8f, 0.3f) };
        for (int i = 0; i < 40; i++)
            regions.Add(new RotatedRect((float)(rng.NextDouble() * 70 - 5), (float)(rng.NextDouble() * 56 - 5),
                (float)(rng.NextDouble() * 80 + 2), (float)(rng.NextDouble() * 80 + 2), (float)(rng.NextDouble() * 7 - 3.5)));
        foreach (RotatedRect roi in regions)
            foreach (SamplingBorder border in new[] { SamplingBorder.Zero, SamplingBorder.Replicate })
            {
                var target = new CropTarget(192, 192, 0f, 1f, border);
                OpenCvSampler.Crop(image, roi, target, vector, useVectors: true);
                OpenCvSampler.Crop(image, roi, target, scalar, useVectors: false);
                Assert.Equal(scalar, vector);
            }
    }

    public static TheoryData<float, float> Ranges => new() { { 0f, 1f }, { -1f, 1f }, { 0f, 255f }, { -0.37f, 2.9f }, { 1f, -1f } };

    [Theory, MemberData(nameof(Ranges))]
    public void Eight_pixel_blends_give_the_tables_values_bit_for_bit_in_every_range(float min, float max)
    {
        // The blocks compute each byte's value instead of looking it up; every byte must come out as the table has it.
        var image = TestImages.Random(64, 64, seed: 13);
        var vector = new float[96 * 96 * 3];
        var scalar = new float[96 * 96 * 3];
        var target = new CropTarget(96, 96, min, max, SamplingBorder.Replicate);
        foreach (RotatedRect roi in new[] { new RotatedRect(32f, 32f, 50f, 50f, 0.4f), new RotatedRect(30f, 33f, 20f, 20f, -1.2f) })
        {
            OpenCvSampler.Crop(image, roi, target, vector, useVectors: true);
            OpenCvSampler.Crop(image, roi, target, scalar, useVectors: false);
            Assert.Equal(scalar.Select(BitConverter.SingleToInt32Bits), vector.Select(BitConverter.SingleToInt32Bits));
        }
    }

    [Fact]
    public void A_destination_too_small_is_refused_before_anything_is_written()
    {
        var image = TestImages.Random(8, 8, seed: 2);
        var destination = new float[10];
        var error = Assert.Throws<ArgumentException>(() =>
            OpenCvSampler.Crop(image, RotatedRect.WholeImage(8, 8), new CropTarget(4, 4, 0f, 1f, SamplingBorder.Zero), destination));
        Assert.Contains("4x4x3", error.Message, StringComparison.Ordinal);
        Assert.All(destination, v => Assert.Equal(0f, v));
    }
}
