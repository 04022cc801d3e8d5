using FaceMesh.Cli.Tests.Support;

namespace FaceMesh.Cli.Tests;

/// <summary>Awkward inputs either complete with a correct file or fail with one line, never a stack trace.</summary>
[Collection(ClipCollection.Name)]
public class VideoRobustnessTests(ClipFixture clips)
{
    [Fact]
    public void Truncated_video_with_its_index_completes_with_every_decodable_frame()
    {
        string output = clips.Output("out.mp4");
        string jsonl = clips.Output("out.jsonl");
        ToolRun run = CliProcess.Run("video", clips.Clip("truncated.mp4"), "-o", output, "--jsonl", jsonl);
        Assert.True(run.ExitCode == 0, run.ToString());
        long written = MediaTools.Video(output).Frames;
        Assert.InRange(written, 1, 29);
        Assert.Equal(written, File.ReadAllLines(jsonl).Length);
    }

    [Fact]
    public void Truncated_video_without_its_index_fails_with_one_line()
    {
        string output = clips.Output("out.mp4");
        ToolRun run = CliProcess.Run("video", clips.Clip("truncated-no-index.mp4"), "-o", output);
        Assert.Equal(1, run.ExitCode);
        string line = Assert.Single(run.ErrorLines);
        Assert.StartsWith("facemesh: ", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Video_without_faces_is_copied_through_with_empty_face_lists()
    {
        string output = clips.Output("out.mp4");
        string jsonl = clips.Output("out.jsonl");
        ToolRun run = CliProcess.Run("video", clips.Clip("no-face.mp4"), "-o", output, "--jsonl", jsonl, "--lipstick", "#b0203c");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(6, MediaTools.Video(output).Frames);
        Assert.All(File.ReadAllLines(jsonl), line => Assert.EndsWith("\"faces\":[]}", line, StringComparison.Ordinal));
    }

    [FixtureFact("astronaut.png")]
    public void Portrait_video_with_rotation_metadata_is_processed_upright()
    {
        string output = clips.Output("out.mp4");
        ToolRun run = CliProcess.Run("video", clips.Clip("portrait.mp4"), "-o", output);
        Assert.True(run.ExitCode == 0, run.ToString());
        ProbedStream written = MediaTools.Video(output);
        Assert.Equal((192, 256, 4L), (written.Width, written.Height, written.Frames));
        // Faces are only found on upright frames: this proves the rotation was applied before the pipeline.
        Assert.Contains("4 frames (4 with a face)", run.Stderr, StringComparison.Ordinal);
    }

    [FixtureFact("astronaut.png")]
    public void One_frame_video_gives_one_frame()
    {
        string output = clips.Output("out.mp4");
        ToolRun run = CliProcess.Run("video", clips.Clip("one-frame.mp4"), "-o", output);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(1, MediaTools.Video(output).Frames);
    }

    [FixtureFact("astronaut.png")]
    public void Very_small_video_completes_at_its_size()
    {
        string output = clips.Output("out.mp4");
        ToolRun run = CliProcess.Run("video", clips.Clip("tiny.mp4"), "-o", output, "--lipstick", "#b0203c", "--draw", "mesh");
        Assert.True(run.ExitCode == 0, run.ToString());
        ProbedStream written = MediaTools.Video(output);
        Assert.Equal((64, 48, 5L), (written.Width, written.Height, written.Frames));
    }
}
