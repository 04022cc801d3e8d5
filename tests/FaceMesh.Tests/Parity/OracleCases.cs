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
    /// False (with the reason written to the test output) when the image is sergey.png and absent:
    /// it is MediaPipe's own test data from ../shared, which users do not have. Every other image
    /// is fetched by scripts/fetch-fixtures.sh, so its absence fails the test.
    /// </summary>
    public static bool Available(string imageName, Xunit.Abstractions.ITestOutputHelper output)
    {
        if (File.Exists(TestPaths.Fixture(imageName))) return true;
        Assert.True(imageName == "sergey.png", $"fixture {imageName} missing: run scripts/fetch-fixtures.sh");
        output.WriteLine($"skipped: {imageName} is only available where ../shared/fixtures exists");
        return false;
    }
}
