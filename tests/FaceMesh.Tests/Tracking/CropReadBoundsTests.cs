using System.Drawing;
using FaceMesh.Imaging;
using FaceMesh.Landmarks;
using FaceMesh.Tracking;

namespace FaceMesh.Tests.Tracking;

/// <summary>
/// The rectangle must hold every pixel a crop can read: a crop of an image whose pixels outside it
/// are inverted must come out exactly as the crop of the original, for ROIs anywhere (turned, near
/// and across the borders, wholly outside) and with both sampling conventions.
/// </summary>
public class CropReadBoundsTests
{
    private const int Width = 97, Height = 61;
    private static readonly CropTarget LandmarkCrop = new(LandmarkModelSpec.InputSize, LandmarkModelSpec.InputSize, 0f, 1f, SamplingBorder.Replicate);

    public static TheoryData<Sampling> Samplings => [Sampling.MediaPipeCpu, Sampling.MediaPipeGpu];

    [Theory]
    [MemberData(nameof(Samplings))]
    public void Crops_of_random_rois_read_nothing_outside_the_rectangle(Sampling sampling)
    {
        var random = new Random(13);
        byte[] pixels = new byte[Width * Height * 3];
        random.NextBytes(pixels);
        var image = new ImageView(pixels, Width, Height, PixelFormat.Rgb24);
        float[] expected = new float[LandmarkCrop.Length], actual = new float[LandmarkCrop.Length];
        for (int i = 0; i < 300; i++)
        {
            // Centres from well outside to well inside, sizes from a few pixels to twice the image, any angle.
            var roi = new NormalizedRect(
                Next(random, -0.4f, 1.4f), Next(random, -0.4f, 1.4f), Next(random, 0.02f, 1.5f), Next(random, 0.02f, 1.5f),
                Next(random, -MathF.PI, MathF.PI));
            Rectangle region = CropReadBounds.Union([roi], Width, Height)!.Value;
            Assert.True(region.X >= 0 && region.Y >= 0 && region.Right <= Width && region.Bottom <= Height && region.Width > 0 && region.Height > 0,
                $"{region} is not inside the image");

            ImageToTensor.Crop(image, roi.ToPixels(Width, Height), LandmarkCrop, sampling, expected);
            ImageToTensor.Crop(PoisonedOutside(pixels, region), roi.ToPixels(Width, Height), LandmarkCrop, sampling, actual);
            Assert.True(expected.AsSpan().SequenceEqual(actual), $"the crop of {roi} read outside {region}");
        }
    }

    [Fact]
    public void A_turned_roi_over_the_top_left_corner_is_clamped_to_the_image()
    {
        // 45 degrees: the bounding box is the square's diagonal wide, reaching past both edges.
        var roi = new NormalizedRect(0.1f, 0.1f, 0.2f, 0.2f * Width / Height, MathF.PI / 4);
        Rectangle region = CropReadBounds.Union([roi], Width, Height)!.Value;
        double half = 0.2 * Width * Math.Sqrt(2) / 2;
        Assert.Equal((0, 0), (region.X, region.Y));
        int right = (int)Math.Ceiling(0.1 * Width + half) + CropReadBounds.Margin + 1;
        int bottom = (int)Math.Ceiling(0.1 * Height + half) + CropReadBounds.Margin + 1;
        // Within a pixel: the ROI is in float, the expectation in double.
        Assert.InRange(region.Right, right - 1, right + 1);
        Assert.InRange(region.Bottom, bottom - 1, bottom + 1);
    }

    [Fact]
    public void An_roi_wholly_right_of_the_image_reads_its_last_column_only_through_the_edge_clamp()
    {
        Rectangle region = CropReadBounds.Union([new NormalizedRect(1.5f, 0.5f, 0.1f, 0.1f, 0f)], Width, Height)!.Value;
        Assert.Equal((Width - 1, 1), (region.X, region.Width));
    }

    [Fact]
    public void Several_rois_give_the_rectangle_around_all_and_a_non_finite_one_gives_none()
    {
        var left = new NormalizedRect(0.2f, 0.5f, 0.1f, 0.1f, 0f);
        var right = new NormalizedRect(0.8f, 0.3f, 0.1f, 0.1f, 0f);
        Rectangle a = CropReadBounds.Union([left], Width, Height)!.Value, b = CropReadBounds.Union([right], Width, Height)!.Value;
        Assert.Equal(Rectangle.Union(a, b), CropReadBounds.Union([left, right], Width, Height));
        Assert.Null(CropReadBounds.Union([left, right with { Rotation = float.NaN }], Width, Height));
        Assert.Null(CropReadBounds.Union([], Width, Height));
    }

    private static float Next(Random random, float min, float max) => min + (float)random.NextDouble() * (max - min);

    private static ImageView PoisonedOutside(byte[] pixels, Rectangle region)
    {
        byte[] poisoned = (byte[])pixels.Clone();
        for (int y = 0; y < Height; y++)
            for (int x = 0; x < Width; x++)
                if (!region.Contains(x, y))
                    for (int c = 0; c < 3; c++) poisoned[(y * Width + x) * 3 + c] ^= 0xFF;
        return new ImageView(poisoned, Width, Height, PixelFormat.Rgb24);
    }
}
