using FaceMesh.Imaging;
using FaceMesh.Media;

namespace FaceMesh.Tests.Support;

/// <summary>Reads a fetched fixture photo (see <see cref="TestPaths"/>); tests guard with <see cref="FixtureFactAttribute"/>.</summary>
internal static class Fixtures
{
    public static ImageBuffer Read(string name) => ImageFile.Read(TestPaths.Fixture(name));
}
