using System.Text.Json;
using FaceMesh.Cli.Tests.Support;

namespace FaceMesh.Cli.Tests;

[Collection(ClipCollection.Name)]
public class VideoCommandTests(ClipFixture clips)
{
    [FixtureFact("astronaut.png")]
    public void Output_keeps_resolution_frame_rate_frame_count_and_audio()
    {
        string input = clips.Clip("face-audio.mp4");
        string output = clips.Output("out.mp4");
        ToolRun run = CliProcess.Run("video", input, "-o", output, "--lipstick", "#b0203c", "--draw", "contours");
        Assert.True(run.ExitCode == 0, run.ToString());

        ProbedStream source = MediaTools.Video(input), written = MediaTools.Video(output);
        Assert.Equal((source.Width, source.Height), (written.Width, written.Height));
        Assert.Equal("15000/1001", written.FrameRate);
        Assert.Equal(12, source.Frames);
        Assert.Equal(source.Frames, written.Frames);
        Assert.Contains(MediaTools.Probe(output), s => s.CodecType == "audio");
        Assert.Contains("12 frames (12 with a face)", run.Stderr, StringComparison.Ordinal);
    }

    [FixtureFact("astronaut.png")]
    public void Jsonl_has_one_line_per_frame_with_timestamps_and_faces_like_detect()
    {
        string output = clips.Output("out.mkv");
        string jsonl = clips.Output("frames.jsonl");
        ToolRun run = CliProcess.Run("video", clips.Clip("face-audio.mp4"), "-o", output, "--jsonl", jsonl, "--draw", "none", "--no-smoothing");
        Assert.True(run.ExitCode == 0, run.ToString());

        string[] lines = File.ReadAllLines(jsonl);
        Assert.Equal(12, lines.Length);
        double previous = double.NegativeInfinity;
        for (int i = 0; i < lines.Length; i++)
        {
            using JsonDocument line = JsonDocument.Parse(lines[i]);
            JsonElement root = line.RootElement;
            Assert.Equal(["frame", "timestampMs", "faces"], root.EnumerateObject().Select(p => p.Name));
            Assert.Equal(i, root.GetProperty("frame").GetInt64());
            double timestamp = root.GetProperty("timestampMs").GetDouble();
            Assert.True(timestamp > previous);
            previous = timestamp;
            JsonElement face = Assert.Single(root.GetProperty("faces").EnumerateArray());
            Assert.Equal(["score", "box", "keypoints", "faceFlag", "landmarks"], face.EnumerateObject().Select(p => p.Name));
            Assert.Equal(478, face.GetProperty("landmarks").GetArrayLength());
            Assert.Equal(3, face.GetProperty("landmarks")[0].GetArrayLength());
            // Frame 0 comes from the detector; later frames are tracked from the previous landmarks.
            Assert.Equal(i == 0 ? JsonValueKind.Number : JsonValueKind.Null, face.GetProperty("score").ValueKind);
        }
        // 15000/1001 fps: frame 11 is shown 11 * 66.733 ms in.
        Assert.Equal(11 * 1001.0 / 15, previous, 0.5);
    }

    [FixtureFact("astronaut.png")]
    public void Progress_bar_shows_frames_and_fps_on_a_terminal()
    {
        // script(1) gives the CLI a pseudo-terminal; everywhere else in these tests stderr is a pipe and stays quiet.
        string output = clips.Output("tty.mp4");
        string command = string.Join(' ', new[] { "env", "TERM=xterm-256color", CliProcess.Host, CliProcess.Assembly, "video", clips.Clip("face-audio.mp4"), "-o", output }
            .Select(a => "'" + a + "'"));
        ToolRun run = ToolRun.Start("script", ["-qec", command, "/dev/null"], TimeSpan.FromMinutes(2));
        Assert.True(run.ExitCode == 0, run.ToString() + run.Stdout);
        Assert.Contains("frames", run.Stdout, StringComparison.Ordinal);
        Assert.Contains(" fps", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("100%", run.Stdout, StringComparison.Ordinal);
        Assert.Equal(12, MediaTools.Video(output).Frames);
    }

    [Fact]
    public void Missing_input_is_one_line_and_non_zero()
    {
        ToolRun run = CliProcess.Run("video", Path.Combine(clips.Directory, "absent.mp4"), "-o", clips.Output("out.mp4"));
        Assert.NotEqual(0, run.ExitCode);
        string line = Assert.Single(run.ErrorLines);
        Assert.StartsWith("facemesh: ", line, StringComparison.Ordinal);
        Assert.Contains("absent.mp4", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_colour_is_one_line_and_non_zero_before_any_work()
    {
        string output = clips.Output("out.mp4");
        ToolRun run = CliProcess.Run("video", clips.Clip("no-face.mp4"), "-o", output, "--lipstick", "crimson");
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("crimson", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void Refuses_to_overwrite_its_input()
    {
        string input = clips.Clip("no-face.mp4");
        long size = new FileInfo(input).Length;
        ToolRun run = CliProcess.Run("video", input, "-o", input);
        Assert.NotEqual(0, run.ExitCode);
        Assert.Single(run.ErrorLines);
        Assert.Equal(size, new FileInfo(input).Length);
    }

    [FixtureFact("astronaut.png")]
    public void Termination_signal_stops_cleanly_and_leaves_a_playable_file()
    {
        string output = clips.Output("stopped.mp4");
        string input = clips.Clip("long.mp4");
        // SIGTERM rather than SIGINT: a test host started from a background shell job inherits an
        // ignored SIGINT; System.CommandLine treats both the same way.
        ToolRun run = CliProcess.Run(["video", input, "-o", output], process =>
        {
            // The video is written under a temporary name beside its destination until it is finished.
            WaitUntil(() => Directory.GetFiles(clips.Directory, $".{Path.GetFileNameWithoutExtension(output)}.*.partial.mp4")
                .Any(f => new FileInfo(f).Length > 0) || process.HasExited, TimeSpan.FromSeconds(60));
            Thread.Sleep(500);
            if (!process.HasExited) ToolRun.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)], TimeSpan.FromSeconds(10));
        });
        Assert.True(run.ExitCode == 130, run.ToString());
        Assert.Equal("facemesh: cancelled", run.ErrorLines[^1]);
        ProbedStream written = MediaTools.Video(output);
        Assert.InRange(written.Frames, 1, 599);
        Assert.Equal((128, 128), (written.Width, written.Height));
    }

    private static void WaitUntil(Func<bool> condition, TimeSpan timeout)
    {
        DateTime end = DateTime.UtcNow + timeout;
        while (!condition() && DateTime.UtcNow < end) Thread.Sleep(50);
    }
}
