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

/// <summary><c>eval landmarks</c> and <c>eval speed</c> as a user runs them.</summary>
public sealed class EvalLandmarksCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("facemesh-eval-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [FixtureFact("astronaut.png")]
    public void Own_detect_output_as_mp_json_annotation_scores_zero_and_skips_are_reported_in_the_exit_code()
    {
        string dataset = Directory.CreateDirectory(Path.Combine(_dir, "data")).FullName;
        string image = Path.Combine(dataset, "astronaut.png");
        File.Copy(TestPaths.Fixture("astronaut.png"), image);
        ToolRun detect = CliProcess.Run("detect", image);
        Assert.True(detect.ExitCode == 0, detect.ToString());
        File.WriteAllText(Path.Combine(dataset, "astronaut.json"), detect.Stdout);
        File.Copy(image, Path.Combine(dataset, "second.png"));
        File.WriteAllText(Path.Combine(dataset, "second.json"), """{"faces": [{"landmarks": [[1, 2]]}]}""");
        string report = Path.Combine(_dir, "report"), overlay = Path.Combine(_dir, "overlay");

        ToolRun run = CliProcess.Run("eval", "landmarks", dataset, "--format", "mp-json", "--protocol", "both", "--refine", "both",
            "--report", report, "--overlay", overlay);

        Assert.True(run.ExitCode == 2, run.ToString()); // finished, but an input was skipped
        Assert.Contains(run.ErrorLines, l => l.StartsWith("facemesh: skipped ", StringComparison.Ordinal) && l.Contains("second.json", StringComparison.Ordinal));
        Assert.Contains("7-point core", run.Stdout, StringComparison.Ordinal);
        using JsonDocument json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(report, "report.json")));
        JsonElement runs = json.RootElement.GetProperty("runs");
        Assert.Equal(["mesh468/reacquisition", "mesh468/tracking", "attention478/reacquisition", "attention478/tracking"],
            runs.EnumerateArray().Select(r => r.GetProperty("run").GetString()));
        foreach (JsonElement r in runs.EnumerateArray())
        {
            Assert.Equal(1, r.GetProperty("matched").GetInt32());
            double all = r.GetProperty("nmePercentIod").GetProperty("all68").GetProperty("mean").GetDouble();
            if (r.GetProperty("run").GetString() == "attention478/reacquisition")
                Assert.InRange(all, 0, 0.01); // the annotation is this very prediction (JSON rounding aside)
            else
                Assert.InRange(all, 0.01, 5); // another model or another crop: close, not identical
        }
        Assert.Equal("mp-json", json.RootElement.GetProperty("format").GetString());
        Assert.Single(json.RootElement.GetProperty("skipped").EnumerateArray());
        foreach (string run4 in new[] { "mesh468-reacquisition", "mesh468-tracking", "attention478-reacquisition", "attention478-tracking" })
        {
            Assert.True(File.Exists(Path.Combine(report, $"ced-{run4}.svg")));
            Assert.True(File.Exists(Path.Combine(report, $"ced-{run4}.png")));
            Assert.Single(Directory.GetFiles(Path.Combine(overlay, run4), "0001-all68-*-astronaut-1.png"));
        }
        Assert.Equal(5, File.ReadAllLines(Path.Combine(report, "faces.csv")).Length);
    }

    [Fact]
    public void A_missing_dataset_is_one_line_and_exit_code_1()
    {
        ToolRun run = CliProcess.Run("eval", "landmarks", Path.Combine(_dir, "nowhere"));
        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("facemesh: Dataset directory not found", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public void Speed_json_splits_the_attention_model_into_parts_that_add_up()
    {
        ToolRun run = CliProcess.Run("eval", "speed", "--json", "--runs", "10");
        Assert.True(run.ExitCode == 0, run.ToString());
        using JsonDocument json = JsonDocument.Parse(run.Stdout);
        JsonElement root = json.RootElement;
        Assert.True(root.GetProperty("peakGflops").GetDouble() > 0);
        var rows = root.GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty("key").GetString()!);
        Assert.Equal(["mesh", "attention", "attention.backboneAndMesh", "attention.lips", "attention.leftEyeAndIris", "attention.rightEyeAndIris"],
            rows.Keys);
        var parts = rows.Values.Where(r => r.GetProperty("partOfAttention").GetBoolean()).ToArray();
        Assert.Equal(rows["attention"].GetProperty("flops").GetInt64(), parts.Sum(p => p.GetProperty("flops").GetInt64()));
        Assert.Equal(rows["attention"].GetProperty("ms").GetDouble(), parts.Sum(p => p.GetProperty("ms").GetDouble()), 2);
        // The two eye heads are the same network on mirrored crops.
        Assert.Equal(rows["attention.leftEyeAndIris"].GetProperty("flops").GetInt64(), rows["attention.rightEyeAndIris"].GetProperty("flops").GetInt64());
        Assert.True(rows["attention.backboneAndMesh"].GetProperty("flops").GetInt64() > 5 * rows["attention.lips"].GetProperty("flops").GetInt64());
    }
}
