using FaceMesh.Imaging;
using FaceMesh.Tests.Support;

namespace FaceMesh.Tests.Thorough;

/// <summary>
/// <see cref="FaceLandmarkerOptions.Thorough"/> runs MediaPipe's pipeline first and keeps its faces,
/// so on every fixture each face the default finds is also found by the thorough mode, at the same place.
/// </summary>
public class ThoroughKeepsDefaultFacesTests
{
    [FixtureTheory("grace_hopper.jpg", "man_portrait.jpg", "astronaut.png", "sergey.png", "three_faces.jpg")]
    [InlineData("grace_hopper.jpg")]
    [InlineData("man_portrait.jpg")]
    [InlineData("astronaut.png")]
    [InlineData("sergey.png")]
    [InlineData("three_faces.jpg")]
    public void Every_face_the_default_finds_is_found_by_the_thorough_mode(string fixture)
    {
        using ImageBuffer image = Fixtures.Read(fixture);
        var options = new FaceLandmarkerOptions { NumFaces = 8 };
        using FaceLandmarker mediaPipe = FaceLandmarker.Create(options);
        using FaceLandmarker thorough = FaceLandmarker.Create(options with { Thorough = true });

        FaceLandmarkerResult byDefault = mediaPipe.Detect(image.View);
        Assert.NotEmpty(byDefault.Faces);
        List<(float X, float Y, float Size)> thoroughFaces = [.. thorough.Detect(image.View).Faces.Select(LandmarkExtent.Of)];
        foreach ((float x, float y, float size) in byDefault.Faces.Select(LandmarkExtent.Of))
            Assert.Contains(thoroughFaces, t => MathF.Abs(t.X - x) < size / 10 && MathF.Abs(t.Y - y) < size / 10);
    }
}
