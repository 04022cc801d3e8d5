using System.Numerics;
using FaceMesh.Cli.Tests.Support;
using FaceMesh.Imaging;
using FaceMesh.Media;

namespace FaceMesh.Cli.Tests;

[Collection(ClipCollection.Name)]
public class MakeupCommandTests(ClipFixture clips)
{
    // Lower-lip landmarks: inner (14) and outer (17) centre, so their midpoint is on the lip itself.
    private const int LowerLipInner = 14, LowerLipOuter = 17;

    [FixtureFact("astronaut.png")]
    public void Lipstick_changes_the_lips_and_nothing_away_from_them()
    {
        string input = TestPaths.Fixture("astronaut.png");
        string output = clips.Output("lips.png");
        ToolRun run = CliProcess.Run("makeup", input, "--lipstick", "#b0203c", "--opacity", "0.8", "-o", output);
        Assert.True(run.ExitCode == 0, run.ToString());

        using ImageBuffer before = ImageFile.Read(input), after = ImageFile.Read(output);
        using FaceLandmarker landmarker = FaceLandmarker.Create();
        Vector3[] points = Assert.Single(landmarker.Detect(before.View).Faces).ToPixelLandmarks();

        Vector3 lip = (points[LowerLipInner] + points[LowerLipOuter]) / 2;
        (byte r0, byte g0, byte b0) = Pixel(before, (int)lip.X, (int)lip.Y);
        (byte r1, byte g1, byte b1) = Pixel(after, (int)lip.X, (int)lip.Y);
        Assert.True(g1 < g0 - 10 && b1 < b0 - 5, $"lip pixel ({r0},{g0},{b0}) -> ({r1},{g1},{b1}) is not redder");

        // Every pixel more than a few pixels from the mouth's landmarks is untouched (PNG is lossless).
        (float left, float top, float right, float bottom) = MouthBounds(points);
        int changedAway = 0;
        for (int y = 0; y < before.Height; y++)
            for (int x = 0; x < before.Width; x++)
            {
                bool nearMouth = x >= left - 3 && x <= right + 3 && y >= top - 3 && y <= bottom + 3;
                if (!nearMouth && Pixel(before, x, y) != Pixel(after, x, y)) changedAway++;
            }
        Assert.Equal(0, changedAway);
    }

    [Fact]
    public void Bad_colour_is_one_line_and_non_zero()
    {
        ToolRun run = CliProcess.Run("makeup", TestPaths.Fixture("astronaut.png"), "--lipstick", "#12345", "-o", clips.Output("x.png"));
        Assert.Equal(1, run.ExitCode);
        string line = Assert.Single(run.ErrorLines);
        Assert.Equal("facemesh: --lipstick: Expected a colour like #c8102e, got '#12345'.", line);
    }

    [Fact]
    public void Opacity_outside_zero_to_one_is_one_line_and_non_zero()
    {
        ToolRun run = CliProcess.Run("makeup", TestPaths.Fixture("astronaut.png"), "--lipstick", "#b0203c", "--opacity", "1.5", "-o", clips.Output("x.png"));
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("--opacity", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_image_is_one_line_and_non_zero()
    {
        ToolRun run = CliProcess.Run("makeup", Path.Combine(clips.Directory, "nobody.png"), "--lipstick", "#b0203c", "-o", clips.Output("x.png"));
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("nobody.png", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
    }

    private static (byte R, byte G, byte B) Pixel(ImageBuffer image, int x, int y)
    {
        ReadOnlySpan<byte> row = image.Row(y);
        return (row[3 * x], row[3 * x + 1], row[3 * x + 2]);
    }

    /// <summary>Bounds of the lip landmarks (the outer lip ring: mouth corners 61/291, top 0, bottom 17 and their neighbours).</summary>
    private static (float Left, float Top, float Right, float Bottom) MouthBounds(Vector3[] points)
    {
        int[] outerLip = [61, 146, 91, 181, 84, 17, 314, 405, 321, 375, 291, 409, 270, 269, 267, 0, 37, 39, 40, 185];
        float left = float.MaxValue, top = float.MaxValue, right = float.MinValue, bottom = float.MinValue;
        foreach (int i in outerLip)
        {
            left = MathF.Min(left, points[i].X);
            right = MathF.Max(right, points[i].X);
            top = MathF.Min(top, points[i].Y);
            bottom = MathF.Max(bottom, points[i].Y);
        }
        return (left, top, right, bottom);
    }
}
