using System.Security.Cryptography;
using FaceMesh.Imaging;
using FaceMesh.Media;

namespace FaceMesh.Tests.Parity;

/// <summary>
/// Loads a fixture exactly as MediaPipe received it. JPEGs go through the lossless .ppm that
/// fetch-fixtures.sh makes with libjpeg-turbo (Chromium's decoder); ffmpeg's own JPEG decoding
/// differs. The pixels are checked against the hash the oracle recorded, so a decoder difference
/// fails here, clearly, instead of showing up as a landmark error.
/// </summary>
internal static class OracleImages
{
    public static ImageBuffer Load(string name, string expectedRgbSha256)
    {
        string file = Path.GetExtension(name).Equals(".jpg", StringComparison.OrdinalIgnoreCase)
            ? Path.ChangeExtension(name, ".ppm")
            : name;
        ImageBuffer image = ImageFile.Read(TestPaths.Fixture(file), PixelFormat.Rgb24);
        string actual = Sha256(image.View);
        if (actual != expectedRgbSha256)
        {
            image.Dispose();
            Assert.Fail($"{file}: decoded RGB pixels hash to {actual}, MediaPipe received {expectedRgbSha256}");
        }
        return image;
    }

    public static string Sha256(ImageView image)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        for (int y = 0; y < image.Height; y++) hash.AppendData(image.Row(y));
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
