using System.Text.Json;
using FaceMesh.Cli.Tests.Support;

namespace FaceMesh.Cli.Tests;

public class EvalCommandTests
{
    [FixtureFact("astronaut.png")]
    public void Jitter_reports_both_runs_as_json()
    {
        ToolRun run = CliProcess.Run("eval", "jitter", TestPaths.Fixture("astronaut.png"), "--frames", "6", "--json");
        Assert.True(run.ExitCode == 0, run.ToString());
        using JsonDocument report = JsonDocument.Parse(run.Stdout);
        JsonElement root = report.RootElement;
        Assert.Equal(6, root.GetProperty("frames").GetInt32());
        Assert.InRange(root.GetProperty("iodPx").GetDouble(), 30, 120);
        foreach (string mode in new[] { "raw", "smoothed" })
        {
            JsonElement r = root.GetProperty(mode);
            Assert.Equal(6, r.GetProperty("framesWithFace").GetInt32());
            Assert.InRange(r.GetProperty("jitterPercentIod").GetDouble(), 0, 10);
            Assert.InRange(r.GetProperty("errorPercentIod").GetDouble(), 0, 20);
        }
    }

    [Fact]
    public void Too_few_frames_is_one_line_and_non_zero()
    {
        ToolRun run = CliProcess.Run("eval", "jitter", TestPaths.Fixture("astronaut.png"), "--frames", "1");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("2 frames", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
    }
}
