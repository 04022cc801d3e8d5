using FaceMesh.Imaging;
using FaceMesh.Media;

namespace FaceMesh.Web.Tests.Support;

internal static class WebTestImages
{
    /// <summary>A fixture photo as RGBA, the layout a canvas's getImageData gives.</summary>
    public static ImageBuffer ReadRgba(string fixture) => ImageFile.Read(TestPaths.Fixture(fixture), PixelFormat.Rgba32);

    /// <summary>A fresh directory under the system temp directory, for files a test makes.</summary>
    public static string TempDirectory(string prefix)
    {
        string path = Path.Combine(Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        return path;
    }
}
