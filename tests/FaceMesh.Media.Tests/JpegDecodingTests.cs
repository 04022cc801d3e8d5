using System.Security.Cryptography;
using System.Text;
using FaceMesh.Imaging;
using FaceMesh.Media.Jpeg;

namespace FaceMesh.Media.Tests;

/// <summary>JPEGs decode through libjpeg-turbo (djpeg) to the pixels MediaPipe's own builds see.</summary>
public sealed class JpegDecodingTests
{

    [Fact]
    public void Ppm_and_pgm_decode_to_rgb_with_comments_and_reject_truncation()
    {
        byte[] ppm = [.. Encoding.ASCII.GetBytes("P6\n# by djpeg\n2 1\n255\n"), 10, 20, 30, 40, 50, 60];
        using (ImageBuffer image = PnmImage.TryDecode(ppm, PixelFormat.Bgr24)!)
        {
            Assert.Equal((2, 1), (image.Width, image.Height));
            Assert.Equal(new byte[] { 30, 20, 10, 60, 50, 40 }, image.Span.ToArray());
        }
        byte[] pgm = [.. Encoding.ASCII.GetBytes("P5 1 2 255\n"), 7, 9];
        using (ImageBuffer grey = PnmImage.TryDecode(pgm, PixelFormat.Rgba32)!)
            Assert.Equal(new byte[] { 7, 7, 7, 255, 9, 9, 9, 255 }, grey.Span.ToArray());
        Assert.Null(PnmImage.TryDecode(ppm.AsSpan(0, ppm.Length - 1), PixelFormat.Rgb24));
        Assert.Null(PnmImage.TryDecode("P3\n1 1\n255\n0 0 0\n"u8, PixelFormat.Rgb24));
        Assert.Null(PnmImage.TryDecode("P6\n1 1\n65535\n"u8, PixelFormat.Rgb24));
    }

    [FixtureFact("messi5.jpg")]
    public void A_jpeg_file_reads_as_the_exact_pixels_mediapipe_decoded()
    {
        Assert.True(LibjpegTurboDecoder.IsAvailable,
            "djpeg is not installed (apt-get install libjpeg-turbo-progs; ./test.sh installs it as root)");
        using ImageBuffer image = ImageFile.Read(TestPaths.Fixture("messi5.jpg"));
        Assert.Equal((548, 342), (image.Width, image.Height));
        Assert.Equal(ExpectedMessiHash(), Convert.ToHexStringLower(SHA256.HashData(image.Span)));
    }

    private static string ExpectedMessiHash()
    {
        using var manifest = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(
            TestPaths.InRepo("tests", "FaceMesh.Tests", "Data", "Oracle", "manifest.json")));
        return manifest.RootElement.GetProperty("images").GetProperty("messi5.jpg").GetProperty("input_rgb_sha256").GetString()!;
    }
}
