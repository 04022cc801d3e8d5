using System.Security.Cryptography;
using FaceMesh.Imaging;
using FaceMesh.Media;

namespace FaceMesh.Tests.Parity;

/// <summary>
/// Loads a fixture through the product's own reader (ImageFile, which decodes JPEGs with
/// libjpeg-turbo like MediaPipe's builds) and checks the pixels against the hash the oracle
/// recorded, so a decoder difference fails here, clearly, instead of showing up as a landmark error.
/// </summary>
internal static class OracleImages
{
    public static ImageBuffer Load(string name, string expectedRgbSha256)
    {
        ImageBuffer image = ImageFile.Read(TestPaths.Fixture(name), PixelFormat.Rgb24);
        string actual = Sha256(image.View);
        if (actual != expectedRgbSha256)
        {
            image.Dispose();
            Assert.Fail($"{name}: decoded RGB pixels hash to {actual}, MediaPipe received {expectedRgbSha256}" +
                " (JPEGs need libjpeg-turbo's djpeg: apt-get install libjpeg-turbo-progs)");
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
