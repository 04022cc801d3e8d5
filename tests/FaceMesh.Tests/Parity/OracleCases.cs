namespace FaceMesh.Tests.Parity;

/// <summary>The still images the oracle recorded, and the rule for the one users cannot have.</summary>
internal static class OracleCases
{
    public static readonly string[] Images =
        ["astronaut.png", "messi5.jpg", "grace_hopper.jpg", "three_faces.jpg", "man_portrait.jpg", "sergey.png"];

    public static TheoryData<string, string> For(params string[] goldenFiles)
    {
        var data = new TheoryData<string, string>();
        foreach (string file in goldenFiles)
            foreach (string image in Images)
                data.Add(file, image);
        return data;
    }

    /// <summary>
    /// Every image is fetched by scripts/fetch-fixtures.sh (sergey.png from the committed
    /// tests/FaceMesh.Tests/Data/MediaPipe), so an absent one fails the test instead of skipping it.
    /// </summary>
    public static bool Available(string imageName, Xunit.Abstractions.ITestOutputHelper output)
    {
        Assert.True(File.Exists(TestPaths.Fixture(imageName)), $"fixture {imageName} missing: run scripts/fetch-fixtures.sh");
        output.WriteLine($"fixture {imageName} present");
        return true;
    }
}
