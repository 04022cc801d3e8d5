using System.Globalization;
using FaceMesh.Cli.Tests.Support;

namespace FaceMesh.Cli.Tests;

/// <summary>The output video keeps every input frame's time, so a variable-rate clip and its audio stay in sync.</summary>
[Collection(ClipCollection.Name)]
public sealed class VideoTimingTests(ClipFixture clips)
{
    [FixtureFact("astronaut.png")]
    public void Variable_frame_rate_video_keeps_every_frame_time_and_its_audio()
    {
        // 12 frames 1/5 s apart, then 24 frames 1/30 s apart (3 s; at one fixed rate the last frame would
        // move by seconds), with audio that ends first, at 2.5 s: no frame may be cut for it.
        string pictures = clips.Output("vfr-video.mkv"), input = clips.Output("vfr.mkv");
        MediaTools.Ffmpeg("-loop", "1", "-framerate", "30", "-i", TestPaths.Fixture("astronaut.png"),
            "-frames:v", "36", "-vf", "scale=128:128,setpts='if(lt(N,12),N*6,55+N)/30/TB'", "-fps_mode", "passthrough",
            "-c:v", "libx264", "-pix_fmt", "yuv420p", pictures);
        MediaTools.Ffmpeg("-i", pictures, "-f", "lavfi", "-t", "2.5", "-i", "sine=frequency=440:sample_rate=44100",
            "-map", "0:v", "-map", "1:a", "-c:v", "copy", "-c:a", "aac", input);
        string output = clips.Output("vfr-out.mp4");
        ToolRun run = CliProcess.Run("video", input, "-o", output, "--draw", "contours");
        Assert.True(run.ExitCode == 0, run.ToString());

        double[] expected = FrameTimes(input), written = FrameTimes(output);
        Assert.Equal(36, expected.Length);
        Assert.InRange(expected[^1], 2.9, 3.1); // the clip really is variable-rate
        Assert.Equal(expected.Length, written.Length);
        for (int i = 0; i < expected.Length; i++) Assert.True(Math.Abs(expected[i] - written[i]) < 0.002, $"frame {i}: {written[i]} s, input {expected[i]} s");
        Assert.InRange(AudioDuration(output), 2.4, 2.6);
    }

    private static double[] FrameTimes(string path)
    {
        ToolRun run = ToolRun.Start("ffprobe", ["-v", "error", "-select_streams", "v:0", "-show_entries", "frame=pts_time", "-of", "csv=p=0", path],
            TimeSpan.FromMinutes(1));
        Assert.True(run.ExitCode == 0, run.ToString());
        return [.. run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => double.Parse(line.Split(',')[0], CultureInfo.InvariantCulture))];
    }

    private static double AudioDuration(string path)
    {
        ToolRun run = ToolRun.Start("ffprobe", ["-v", "error", "-select_streams", "a:0", "-show_entries", "stream=duration", "-of", "csv=p=0", path],
            TimeSpan.FromMinutes(1));
        return double.Parse(run.Stdout.Trim(), CultureInfo.InvariantCulture);
    }
}
