using FaceMesh.Imaging;

namespace FaceMesh.Imaging.Tests;

/// <summary>
/// The GPU-convention sampler samples eight pixels of a row at a time in float vectors; the scalar
/// loop is the reference. Both must give the same bits for every region (inside, straddling the
/// edges, far outside, turned, NaN) in every pixel format, with either border.
/// </summary>
public class GlSamplerVectorTests
{
    public static TheoryData<PixelFormat, int> Cases => new()
    {
        { PixelFormat.Rgb24, 192 }, { PixelFormat.Bgr24, 128 }, { PixelFormat.Rgba32, 192 }, { PixelFormat.Bgra32, 37 }, { PixelFormat.Gray8, 192 },
    };

    [Theory, MemberData(nameof(Cases))]
    public void Eight_pixel_blocks_give_the_scalar_crop_bit_for_bit(PixelFormat format, int size)
    {
        var image = TestImages.Random(61, 47, seed: 17, format);
        var rng = new Random(size);
        var vector = new float[size * size * 3];
        var scalar = new float[size * size * 3];
        var regions = new List<RotatedRect>
        {
            RotatedRect.WholeImage(61, 47), new(45f, 35f, 31f, 23f, 0f), new(58f, 44f, 8f, 8f, 0.3f),
            new(1e6f, -1e6f, 4f, 4f, 0f), new(30f, 20f, 1e8f, 1e8f, 1f), new(float.NaN, 20f, 30f, 30f, 0f),
        };
        for (int i = 0; i < 40; i++)
            regions.Add(new RotatedRect((float)(rng.NextDouble() * 80 - 10), (float)(rng.NextDouble() * 66 - 10),
                (float)(rng.NextDouble() * 90 + 0.5), (float)(rng.NextDouble() * 90 + 0.5), (float)(rng.NextDouble() * 7 - 3.5)));
        foreach (RotatedRect roi in regions)
            foreach (SamplingBorder border in new[] { SamplingBorder.Zero, SamplingBorder.Replicate })
            {
                var target = new CropTarget(size, size, -1f, 1f, border);
                GlSampler.Crop(image, roi, target, vector, useVectors: true);
                GlSampler.Crop(image, roi, target, scalar, useVectors: false);
                Assert.Equal(scalar, vector);
            }
    }
}
