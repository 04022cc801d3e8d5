using System.Diagnostics;
using FaceMesh.Cli.Tests.Support;

namespace FaceMesh.Cli.Tests;

/// <summary>
/// SIGTERM (what a service manager sends; Ctrl-C's SIGINT takes the same path) ends the CLI
/// promptly even on input that never arrives, with no ffmpeg child left, and a stopped video's
/// JSON Lines hold exactly the frames its video holds. A reader that goes away ends the run.
/// </summary>
[Collection(ClipCollection.Name)]
public sealed class CancellationTests(ClipFixture clips) : IDisposable
{
    // Only a hang detector: a stalled read without the fix never ends (the run hits CliProcess's 2-minute timeout).
    private static readonly TimeSpan Prompt = TimeSpan.FromSeconds(10);
    private readonly string _folder = Directory.CreateTempSubdirectory("facemesh-cancel-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Termination_ends_an_image_read_stalled_on_a_fifo() => AssertStalledInputEnds("detect", "stalled.jpg");

    [Fact]
    public void Termination_ends_a_video_probe_stalled_on_a_fifo_and_kills_ffprobe() => AssertStalledInputEnds("video", "stalled.mp4", "-o", "out.mp4");

    [FixtureFact("astronaut.png")]
    public void Stopped_video_and_its_jsonl_hold_the_same_frames()
    {
        string output = Path.Combine(_folder, "stopped.mp4"), jsonl = Path.Combine(_folder, "stopped.jsonl");
        // A session of its own, signalled as a whole, is what a terminal's Ctrl-C does to a foreground job:
        // the decoder ffmpeg gets the signal too.
        ToolRun run = ToolRun.Start("setsid", [CliProcess.Host, CliProcess.Assembly, "video", clips.Clip("long.mp4"), "-o", output, "--jsonl", jsonl],
            TimeSpan.FromMinutes(2), process =>
            {
                Signals.WaitUntil(() => Directory.GetFiles(_folder, ".stopped.*.partial.mp4").Any(f => new FileInfo(f).Length > 0) || process.HasExited,
                    TimeSpan.FromSeconds(60));
                Thread.Sleep(300);
                if (!process.HasExited) Signals.Send("TERM", -process.Id);
            });
        Assert.True(run.ExitCode == 130, run.ToString());
        long frames = MediaTools.Video(output).Frames;
        Assert.InRange(frames, 1, 599);
        Assert.Equal(frames, File.ReadAllLines(jsonl).Length);
        Assert.Equal(2, Directory.GetFiles(_folder).Length); // no temporary left behind
    }

    [FixtureFact("grace_hopper.jpg")]
    public void Closed_standard_output_ends_the_run_quietly()
    {
        string image = TestPaths.Fixture("grace_hopper.jpg");
        // Twenty images, then one that does not exist: a run that ignored the closed pipe would reach it and fail on it.
        string[] arguments = [CliProcess.Assembly, "detect", .. Enumerable.Repeat(image, 20), Path.Combine(_folder, "absent.jpg")];
        var info = new ProcessStartInfo(CliProcess.Host) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in arguments) info.ArgumentList.Add(a);
        using Process process = Process.Start(info)!;
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        Assert.StartsWith("{\"image\"", process.StandardOutput.ReadLine(), StringComparison.Ordinal);
        process.StandardOutput.Close();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)), "the run went on after its reader left");
        Assert.Equal(141, process.ExitCode);
        Assert.Equal("", stderr.Result);
    }

    private void AssertStalledInputEnds(string command, string fifoName, params string[] rest)
    {
        string fifo = Path.Combine(_folder, fifoName);
        Signals.MakeFifo(fifo);
        // Opening the FIFO's write end returns once the CLI (or its ffprobe) has opened the read end; nothing is ever written.
        Task<FileStream> writer = Task.Run(() => new FileStream(fifo, FileMode.Open, FileAccess.Write));
        var children = new List<int>();
        var stopwatch = new Stopwatch();
        string[] arguments = [command, fifo, .. rest.Select(r => r.StartsWith('-') ? r : Path.Combine(_folder, r))];
        ToolRun run = CliProcess.Run(arguments, process =>
        {
            Assert.True(writer.Wait(TimeSpan.FromSeconds(60)), "the CLI never opened its input");
            Thread.Sleep(200);
            children.AddRange(Signals.Children(process.Id));
            stopwatch.Start();
            Signals.Send("TERM", process.Id);
            process.WaitForExit();
            stopwatch.Stop();
        });
        writer.Result.Dispose();
        Assert.True(run.ExitCode == 130, run.ToString());
        Assert.Equal("facemesh: cancelled", run.ErrorLines[^1]);
        Assert.True(stopwatch.Elapsed < Prompt, $"took {stopwatch.Elapsed.TotalSeconds:F1} s to stop");
        Signals.WaitUntil(() => children.All(Signals.IsGone), TimeSpan.FromSeconds(5));
        Assert.All(children, child => Assert.True(Signals.IsGone(child), $"child {child} outlived the CLI"));
        Assert.False(File.Exists(Path.Combine(_folder, "out.mp4")));
    }
}
