using System.Numerics;
using FaceMesh.Evaluation;
using FaceMesh.Imaging;

namespace FaceMesh.Tests.Evaluation;

public class SimilarityWarpTests
{
    [Fact]
    public void Identity_copies_every_byte()
    {
        using ImageBuffer source = Noise(37, 23, PixelFormat.Rgb24);
        using var target = new ImageBuffer(37, 23, PixelFormat.Rgb24);
        SimilarityWarp.Apply(source.View, SimilarityTransform.Identity, target);
        Assert.True(source.Span.SequenceEqual(target.Span));
    }

    [Fact]
    public void Whole_pixel_shift_moves_pixels_exactly_and_repeats_the_edge()
    {
        using ImageBuffer source = Noise(20, 16, PixelFormat.Rgba32);
        using var target = new ImageBuffer(20, 16, PixelFormat.Rgba32);
        SimilarityWarp.Apply(source.View, new SimilarityTransform(0, new Vector2(3, -2), Vector2.Zero), target);
        for (int y = 0; y < 14; y++)
            for (int x = 3; x < 20; x++)
                Assert.Equal(Pixel(source, x - 3, y + 2), Pixel(target, x, y));
        // Left of the moved content: the source's first column, repeated.
        Assert.Equal(Pixel(source, 0, 2), Pixel(target, 1, 0));
    }

    [Fact]
    public void Half_pixel_shift_averages_neighbours()
    {
        using var source = new ImageBuffer(4, 1, PixelFormat.Rgb24);
        source.Span[3 * 1] = 100;
        source.Span[3 * 2] = 200;
        using var target = new ImageBuffer(4, 1, PixelFormat.Rgb24);
        SimilarityWarp.Apply(source.View, new SimilarityTransform(0, new Vector2(0.5f, 0), Vector2.Zero), target);
        Assert.Equal(new byte[] { 0, 50, 150, 100 }, new[] { target.Span[0], target.Span[3], target.Span[6], target.Span[9] });
    }

    [Fact]
    public void A_blob_centroid_follows_a_sub_pixel_rotation_and_shift()
    {
        const int size = 96;
        var blobCentre = new Vector2(60.3f, 40.7f);
        using var source = new ImageBuffer(size, size, PixelFormat.Rgb24);
        for (int y = 0; y < size; y++)
            for (int x = 0; x < size; x++)
            {
                float d2 = Vector2.DistanceSquared(new Vector2(x + 0.5f, y + 0.5f), blobCentre);
                source.Row(y)[3 * x] = (byte)MathF.Round(255 * MathF.Exp(-d2 / (2 * 4f * 4f)));
            }
        var motion = new SimilarityTransform(0.05f, new Vector2(0.37f, -0.21f), new Vector2(size / 2f, size / 2f));
        using var target = new ImageBuffer(size, size, PixelFormat.Rgb24);
        SimilarityWarp.Apply(source.View, motion, target);

        Vector2 expected = motion.Apply(Centroid(source)), actual = Centroid(target);
        Assert.True(Vector2.Distance(expected, actual) < 0.02f, $"centroid {actual}, expected {expected}");
    }

    [Fact]
    public void Rejects_a_destination_of_another_format()
    {
        using ImageBuffer source = Noise(4, 4, PixelFormat.Rgb24);
        using var target = new ImageBuffer(4, 4, PixelFormat.Bgra32);
        Assert.Throws<ArgumentException>(() => SimilarityWarp.Apply(source.View, SimilarityTransform.Identity, target));
    }

    private static Vector2 Centroid(ImageBuffer image)
    {
        double sum = 0, sx = 0, sy = 0;
        for (int y = 0; y < image.Height; y++)
            for (int x = 0; x < image.Width; x++)
            {
                double w = image.Row(y)[3 * x];
                sum += w;
                sx += w * (x + 0.5);
                sy += w * (y + 0.5);
            }
        return new Vector2((float)(sx / sum), (float)(sy / sum));
    }

    private static ImageBuffer Noise(int width, int height, PixelFormat format)
    {
        var image = new ImageBuffer(width, height, format);
        Span<byte> bytes = image.Span;
        for (int i = 0; i < bytes.Length; i++) bytes[i] = (byte)(i * 7919 % 251);
        return image;
    }

    private static string Pixel(ImageBuffer image, int x, int y)
    {
        int bpp = image.Format.BytesPerPixel();
        return Convert.ToHexString(image.Row(y).Slice(x * bpp, bpp));
    }
}
