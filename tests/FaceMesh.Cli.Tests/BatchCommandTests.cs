using FaceMesh.Cli.Tests.Support;

namespace FaceMesh.Cli.Tests;

[Collection(ClipCollection.Name)]
public class BatchCommandTests(ClipFixture clips)
{
    [FixtureFact("astronaut.png", "grace_hopper.jpg")]
    public void Exit_code_counts_failed_inputs_and_a_rerun_skips_what_is_complete()
    {
        string corpus = clips.Output("corpus");
        Directory.CreateDirectory(corpus);
        File.Copy(TestPaths.Fixture("grace_hopper.jpg"), Path.Combine(corpus, "grace.jpg"));
        File.Copy(clips.Clip("tiny.mp4"), Path.Combine(corpus, "tiny.mp4"));
        File.WriteAllText(Path.Combine(corpus, "broken.png"), "not a png");
        File.WriteAllText(Path.Combine(corpus, "broken.mp4"), "not a video");
        string list = clips.Output("list.txt");
        File.WriteAllLines(list, [clips.Clip("one-frame.mp4")]);
        string output = clips.Output("results");

        ToolRun first = CliProcess.Run("batch", corpus, "--list", list, "-o", output, "--workers", "2");
        Assert.True(first.ExitCode == 2, first.ToString());
        Assert.Equal(2, first.ErrorLines.Count(l => l.StartsWith("failed: ", StringComparison.Ordinal)));
        Assert.Contains("5 inputs: 3 processed, 0 already complete, 2 failed", first.Stderr, StringComparison.Ordinal);
        Assert.Equal(3, Directory.GetFiles(Path.Combine(output, "results"), "*.parquet").Length);
        Assert.Equal(2, Directory.GetFiles(Path.Combine(output, "errors")).Length);

        ToolRun second = CliProcess.Run("batch", corpus, "@" + list, "-o", output);
        Assert.True(second.ExitCode == 2, second.ToString());
        Assert.Contains("5 inputs: 0 processed, 3 already complete, 2 failed", second.Stderr, StringComparison.Ordinal);
    }

    [FixtureFact("astronaut.png")]
    public void Progress_bar_shows_files_frames_per_second_and_completion_on_a_terminal()
    {
        string output = clips.Output("tty-results");
        // script(1) gives the CLI a pseudo-terminal, as in the video progress test.
        string command = string.Join(' ', new[] { "env", "TERM=xterm-256color", CliProcess.Host, CliProcess.Assembly, "batch",
            clips.Clip("tiny.mp4"), clips.Clip("one-frame.mp4"), "-o", output }.Select(a => "'" + a + "'"));
        ToolRun run = ToolRun.Start("script", ["-qec", command, "/dev/null"], TimeSpan.FromMinutes(2));
        Assert.True(run.ExitCode == 0, run.ToString() + run.Stdout);
        Assert.Contains("2/2 files", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("6 frames", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("frames/s", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("100%", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void No_inputs_is_one_line_and_non_zero()
    {
        ToolRun run = CliProcess.Run("batch", "-o", clips.Output("nothing"));
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("Nothing to do", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
    }
}
