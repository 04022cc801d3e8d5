using FaceMesh.Imaging;

namespace FaceMesh.Imaging.Tests;

internal static class TestImages
{
    /// <summary>An RGB image whose red channel is <paramref name="red"/> (row-major), green = 2 * red mod 256, blue = 7.</summary>
    public static ImageView Red(int width, int height, params byte[] red)
    {
        var pixels = new byte[width * height * 3];
        for (int k = 0; k < red.Length; k++)
        {
            pixels[3 * k] = red[k];
            pixels[3 * k + 1] = (byte)(2 * red[k]);
            pixels[3 * k + 2] = 7;
        }
        return new ImageView(pixels, width, height, PixelFormat.Rgb24);
    }

    public static ImageView Random(int width, int height, int seed, PixelFormat format = PixelFormat.Rgb24)
    {
        var pixels = new byte[width * height * format.BytesPerPixel()];
        new Random(seed).NextBytes(pixels);
        return new ImageView(pixels, width, height, format);
    }

    public static float[] Crop(ImageView image, RotatedRect roi, int width, int height, Sampling sampling,
        SamplingBorder border, float min = 0, float max = 255, CpuSamplerKind kind = CpuSamplerKind.OpenCvFixedPoint)
    {
        var target = new CropTarget(width, height, min, max, border);
        var tensor = new float[target.Length];
        ImageToTensor.Crop(image, roi, target, sampling, tensor, kind);
        return tensor;
    }

    /// <summary>Channel <paramref name="channel"/> of the tensor, pixel by pixel.</summary>
    public static float[] Channel(float[] tensor, int channel) =>
        Enumerable.Range(0, tensor.Length / 3).Select(k => tensor[3 * k + channel]).ToArray();
}
