using System.Text.Json;
using FaceMesh.Cli.Tests.Support;

namespace FaceMesh.Cli.Tests;

/// <summary>
/// The keys README documents for <c>bench --json</c>, with values that do not depend on the
/// machine's speed: the FLOP counts come from the graphs, and steady-state frames allocate nothing.
/// Times are only checked to be present and positive; speed is judged by running the bench, not here.
/// </summary>
public class BenchCommandTests
{
    [FixtureFact("astronaut.png")]
    public void Json_has_the_documented_keys_exact_flop_counts_and_no_allocation_per_frame()
    {
        // Fully optimising JIT from the start, without tiered PGO: "0 bytes per frame" must not rest
        // on the JIT stack-allocating something (an enumerator boxed on every output lookup once did),
        // and no method is promoted, with what that costs, while frames are measured.
        ToolRun run = CliProcess.Run(["bench", "--json", "--frames", "20", "--threads", "2", "--image", TestPaths.Fixture("astronaut.png")], null,
            new Dictionary<string, string> { ["DOTNET_TieredCompilation"] = "0" });
        Assert.True(run.ExitCode == 0, run.ToString());
        using JsonDocument report = JsonDocument.Parse(run.Stdout);
        JsonElement root = report.RootElement;

        Assert.InRange(root.GetProperty("peakGflopsOneCore").GetDouble(), 1, 10_000);
        Assert.Equal(2, root.GetProperty("threadsAll").GetInt32());
        Assert.InRange(root.GetProperty("hostParallelism").GetDouble(), 0.1, 2.5);
        var flops = new Dictionary<string, long>
        {
            ["detectorShort"] = 61_521_920, ["detectorFull"] = 234_376_704, ["mesh"] = 69_958_080, ["attention"] = 86_953_344,
        };
        foreach (var (key, expected) in flops)
        {
            JsonElement model = root.GetProperty("models").GetProperty(key);
            Assert.Equal(expected, model.GetProperty("flops").GetInt64());
            foreach (string timing in new[] { "ms1", "p90Ms1", "minMs1", "msAll", "p90MsAll", "minMsAll", "speedupAll", "gflops1", "gflopsAll", "peakFraction1" })
                Assert.True(model.GetProperty(timing).GetDouble() > 0, $"{key}.{timing}");
            Assert.True(model.GetProperty("minMs1").GetDouble() <= model.GetProperty("ms1").GetDouble(), key);
        }
        JsonElement pipeline = root.GetProperty("pipeline");
        Assert.Equal(1, pipeline.GetProperty("faces").GetInt32());
        Assert.Equal(640, pipeline.GetProperty("frameWidth").GetInt32());
        Assert.True(pipeline.GetProperty("imageModeMs").GetDouble() > 0 && pipeline.GetProperty("videoModeMs").GetDouble() > 0);
        Assert.Equal(0, root.GetProperty("allocatedBytesPerFrame").GetDouble());
        JsonElement retargeting = root.GetProperty("retargeting");
        Assert.True(retargeting.GetProperty("ms").GetDouble() > 0 && retargeting.GetProperty("p90Ms").GetDouble() > 0);
        Assert.InRange(retargeting.GetProperty("bandwidth").GetInt32(), 5, 150);
        Assert.InRange(retargeting.GetProperty("factorEntries").GetInt32(), 468, 468 * 469 / 2 / 3);
        Assert.Equal(0, retargeting.GetProperty("allocatedBytesPerFrame").GetDouble());
        Assert.True(root.GetProperty("workingSetMb").GetDouble() > 10);
        JsonElement blendshapes = root.GetProperty("blendshapes");
        foreach (string timing in new[] { "estimateMs", "estimateP90Ms", "withGeometryMs", "withGeometryP90Ms" })
            Assert.True(blendshapes.GetProperty(timing).GetDouble() > 0, timing);
        Assert.True(blendshapes.GetProperty("estimateMs").GetDouble() < blendshapes.GetProperty("withGeometryMs").GetDouble());
        Assert.Equal(0, blendshapes.GetProperty("allocatedBytesPerFace").GetDouble());
    }

    [FixtureFact("astronaut.png")]
    public void Drawing_prints_one_line_with_both_ways_timed()
    {
        ToolRun run = CliProcess.Run("bench", "--drawing", "--frames", "10", "--image", TestPaths.Fixture("astronaut.png"));
        Assert.True(run.ExitCode == 0, run.ToString());
        using JsonDocument report = JsonDocument.Parse(Assert.Single(run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
        JsonElement root = report.RootElement;
        Assert.Equal(["frameWidth", "frameHeight", "onPlanesMs", "onPlanesMinMs", "throughRgbRegionMs", "throughRgbRegionMinMs"],
            root.EnumerateObject().Select(p => p.Name));
        Assert.Equal((1280, 720), (root.GetProperty("frameWidth").GetInt32(), root.GetProperty("frameHeight").GetInt32()));
        Assert.True(root.GetProperty("onPlanesMinMs").GetDouble() > 0);
        Assert.True(root.GetProperty("onPlanesMs").GetDouble() >= root.GetProperty("onPlanesMinMs").GetDouble());
        Assert.True(root.GetProperty("throughRgbRegionMinMs").GetDouble() > 0);
    }

    [Fact]
    public void Too_few_frames_is_one_line_and_non_zero()
    {
        ToolRun run = CliProcess.Run("bench", "--frames", "3");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("--frames", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
    }
}
