using System.Text.Json;
using FaceMesh.Cli.Tests.Support;

namespace FaceMesh.Cli.Tests;

/// <summary>
/// What the image commands do with damaged, oversized and oddly named inputs: a warning line
/// naming the file (an error with --strict), a refusal before decoding, and the same pixels
/// however the path is spelled.
/// </summary>
[Collection(ClipCollection.Name)]
public sealed class ImageInputCommandTests(ClipFixture clips)
{
    [FixtureFact("grace_hopper.jpg")]
    public void A_truncated_jpeg_warns_naming_the_file_and_strict_makes_it_an_error()
    {
        byte[] whole = File.ReadAllBytes(TestPaths.Fixture("grace_hopper.jpg"));
        string truncated = clips.Output("truncated.jpg");
        File.WriteAllBytes(truncated, whole[..30653]);

        ToolRun lenient = CliProcess.Run("detect", truncated);
        ToolRun strict = CliProcess.Run("detect", truncated, "--strict");

        Assert.True(lenient.ExitCode == 0, lenient.ToString());
        Assert.Contains(lenient.ErrorLines, l => l.StartsWith($"facemesh: warning: '{truncated}' is damaged: ", StringComparison.Ordinal));
        Assert.Equal(1, strict.ExitCode);
        Assert.Equal("", strict.Stdout);
        string line = Assert.Single(strict.ErrorLines);
        Assert.StartsWith($"facemesh: Cannot read image '{truncated}': damaged data", line, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tiny_jpeg_declaring_65000_squared_pixels_is_refused_in_one_line()
    {
        string small = clips.Output("small.jpg");
        MediaTools.Ffmpeg("-f", "lavfi", "-i", "testsrc=size=64x64", "-frames:v", "1", small);
        byte[] jpeg = File.ReadAllBytes(small);
        int sof = jpeg.AsSpan().IndexOf((ReadOnlySpan<byte>)[0xFF, 0xC0]);
        jpeg[sof + 5] = 0xFD; jpeg[sof + 6] = 0xE8; jpeg[sof + 7] = 0xFD; jpeg[sof + 8] = 0xE8;
        string bomb = clips.Output("bomb.jpg");
        File.WriteAllBytes(bomb, jpeg);

        ToolRun run = CliProcess.Run("detect", bomb);
        ToolRun raised = CliProcess.Run("detect", small, "--max-megapixels", "0.001");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("65000x65000", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
        Assert.Equal(1, raised.ExitCode);
        Assert.Contains("0.001 MP limit", Assert.Single(raised.ErrorLines), StringComparison.Ordinal);
    }

    [FixtureFact("grace_hopper.jpg")]
    public void A_file_named_like_an_option_gives_the_same_pixels_however_it_is_spelled()
    {
        string dir = Path.GetDirectoryName(clips.Output("x"))!;
        string dashed = Path.Combine(dir, "-g.jpg");
        File.Copy(TestPaths.Fixture("grace_hopper.jpg"), dashed, overwrite: true);

        JsonElement bare = Face(InDirectory(dir, "detect", "--", "-g.jpg"));
        JsonElement dotted = Face(InDirectory(dir, "detect", "./-g.jpg"));
        JsonElement plain = Face(CliProcess.Run("detect", TestPaths.Fixture("grace_hopper.jpg")));

        Assert.Equal(plain.GetRawText(), bare.GetRawText());
        Assert.Equal(plain.GetRawText(), dotted.GetRawText());
    }

    private static ToolRun InDirectory(string directory, params string[] arguments) =>
        ToolRun.Start("sh", ["-c", "cd \"$1\" && shift && exec \"$@\"", "sh", directory, CliProcess.Host, CliProcess.Assembly, .. arguments],
            TimeSpan.FromMinutes(2));

    private static JsonElement Face(ToolRun run)
    {
        Assert.True(run.ExitCode == 0, run.ToString());
        using JsonDocument json = JsonDocument.Parse(run.Stdout);
        return json.RootElement.GetProperty("faces")[0].GetProperty("landmarks").Clone();
    }
}
