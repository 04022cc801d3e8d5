using System.Text.Json;
using FaceMesh.Cli.Tests.Support;

namespace FaceMesh.Cli.Tests;

[Collection(ClipCollection.Name)]
public class TrackCommandTests(ClipFixture clips)
{
    [FixtureFact("astronaut.png")]
    public void Writes_the_same_frames_as_video_jsonl_without_any_video_output()
    {
        string input = clips.Clip("face-audio.mp4");
        string viaVideo = clips.Output("video.jsonl"), viaTrack = clips.Output("track.jsonl");
        ToolRun video = CliProcess.Run("video", input, "-o", clips.Output("drawn.mp4"), "--jsonl", viaVideo, "--draw", "none");
        Assert.True(video.ExitCode == 0, video.ToString());
        int filesBefore = Directory.GetFiles(clips.Directory).Length;

        ToolRun track = CliProcess.Run("track", input, "--jsonl", viaTrack);
        Assert.True(track.ExitCode == 0, track.ToString());

        Assert.Equal(File.ReadAllLines(viaVideo), File.ReadAllLines(viaTrack));
        Assert.Equal(12, File.ReadAllLines(viaTrack).Length);
        Assert.Equal(filesBefore + 1, Directory.GetFiles(clips.Directory).Length); // the .jsonl, no video
        Assert.Contains("12 frames (12 with a face)", track.Stderr, StringComparison.Ordinal);
    }

    [FixtureFact("astronaut.png")]
    public void Several_videos_run_at_once_into_one_jsonl_each_in_a_folder()
    {
        string folder = clips.Output("tracks");
        ToolRun run = CliProcess.Run("track", clips.Clip("face-audio.mp4"), clips.Clip("no-face.mp4"), "--jsonl", folder, "--workers", "2", "--timings");
        Assert.True(run.ExitCode == 0, run.ToString());

        string[] faces = File.ReadAllLines(Path.Combine(folder, "face-audio.jsonl"));
        string[] none = File.ReadAllLines(Path.Combine(folder, "no-face.jsonl"));
        Assert.Equal(12, faces.Length);
        Assert.Equal(6, none.Length);
        using JsonDocument last = JsonDocument.Parse(none[^1]);
        Assert.Equal(5, last.RootElement.GetProperty("frame").GetInt64());
        Assert.Equal(0, last.RootElement.GetProperty("faces").GetArrayLength());
        Assert.Equal(2, run.ErrorLines.Count(l => l.StartsWith("timings", StringComparison.Ordinal)));
    }

    [Fact]
    public void Several_videos_to_standard_output_is_refused_in_one_line()
    {
        ToolRun run = CliProcess.Run("track", clips.Clip("no-face.mp4"), clips.Clip("tiny.mp4"));
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("--jsonl FOLDER", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
    }
}
