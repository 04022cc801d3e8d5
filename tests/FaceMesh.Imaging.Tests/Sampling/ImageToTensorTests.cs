using FaceMesh.Imaging;

namespace FaceMesh.Imaging.Tests;

public class ImageToTensorTests
{
    [Theory]
    [InlineData(Sampling.MediaPipeCpu)]
    [InlineData(Sampling.MediaPipeGpu)]
    public void Every_pixel_format_gives_the_same_rgb_tensor(Sampling sampling)
    {
        var rgb = TestImages.Random(9, 7, seed: 5);
        var roi = new RotatedRect(4.2f, 3.1f, 6f, 6f, 0.3f);
        var expected = TestImages.Crop(rgb, roi, 8, 8, sampling, SamplingBorder.Zero, -1, 1);
        foreach (var format in new[] { PixelFormat.Bgr24, PixelFormat.Rgba32, PixelFormat.Bgra32 })
        {
            using var converted = new ImageBuffer(9, 7, format);
            converted.CopyFrom(rgb);
            Assert.Equal(expected, TestImages.Crop(converted.View, roi, 8, 8, sampling, SamplingBorder.Zero, -1, 1));
        }
    }

    [Fact]
    public void Honours_the_row_stride()
    {
        var packed = TestImages.Random(5, 3, seed: 6);
        var padded = new byte[3 * 20];
        for (int y = 0; y < 3; y++) packed.Row(y).CopyTo(padded.AsSpan(y * 20));
        var strided = new ImageView(padded, 5, 3, PixelFormat.Rgb24, stride: 20);
        var roi = new RotatedRect(2.5f, 1.5f, 5f, 3f, 0.1f);
        Assert.Equal(
            TestImages.Crop(packed, roi, 6, 4, Sampling.MediaPipeCpu, SamplingBorder.Replicate),
            TestImages.Crop(strided, roi, 6, 4, Sampling.MediaPipeCpu, SamplingBorder.Replicate));
    }

    [Fact]
    public void Rejects_bad_arguments()
    {
        var image = TestImages.Random(4, 4, seed: 7);
        var roi = RotatedRect.WholeImage(4, 4);
        var target = new CropTarget(4, 4, 0, 1, SamplingBorder.Zero);
        Assert.Throws<ArgumentException>(() => ImageToTensor.Crop(image, roi, target, Sampling.MediaPipeCpu, new float[10]));
        Assert.Throws<ArgumentOutOfRangeException>(() => ImageToTensor.Crop(image, roi with { Width = 0 }, target, Sampling.MediaPipeCpu, new float[48]));
        Assert.Throws<ArgumentOutOfRangeException>(() => ImageToTensor.Crop(image, roi, target with { RangeMax = 0 }, Sampling.MediaPipeCpu, new float[48]));
        Assert.Throws<ArgumentOutOfRangeException>(() => ImageToTensor.Crop(image, roi, target, (Sampling)7, new float[48]));
    }
}
