using FaceMesh.Cli.Tests.Support;

namespace FaceMesh.Cli.Tests;

/// <summary>No output may be, or be linked to, an input; a failed run leaves existing files as they were.</summary>
[Collection(ClipCollection.Name)]
public sealed class OutputSafetyTests(ClipFixture clips) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("facemesh-outputs-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Video_output_through_a_symlink_to_the_input_is_refused()
    {
        string input = Copy(clips.Clip("no-face.mp4"), "in.mp4");
        string link = Path.Combine(_folder, "link.mp4");
        File.CreateSymbolicLink(link, input);
        AssertRefusedAndUnchanged(input, "video", link, "-o", input);
        AssertRefusedAndUnchanged(input, "video", input, "-o", link);
    }

    [Fact]
    public void Video_output_that_is_a_hard_link_of_the_input_is_refused()
    {
        string input = Copy(clips.Clip("no-face.mp4"), "in.mp4");
        string hard = Path.Combine(_folder, "hard.mp4");
        Assert.Equal(0, ToolRun.Start("ln", [input, hard], TimeSpan.FromSeconds(10)).ExitCode);
        AssertRefusedAndUnchanged(input, "video", input, "-o", hard);
    }

    [Fact]
    public void Jsonl_naming_the_input_is_refused()
    {
        string input = Copy(clips.Clip("no-face.mp4"), "in.mp4");
        AssertRefusedAndUnchanged(input, "video", input, "-o", Path.Combine(_folder, "out.mp4"), "--jsonl", Path.Combine(_folder, ".", "in.mp4"));
    }

    [FixtureFact("grace_hopper.jpg")]
    public void Detect_output_naming_its_image_is_refused()
    {
        string image = Copy(TestPaths.Fixture("grace_hopper.jpg"), "g.jpg");
        AssertRefusedAndUnchanged(image, "detect", image, "-o", image);
        AssertRefusedAndUnchanged(image, "annotate", image, "-o", image);
    }

    [Fact]
    public void Video_and_jsonl_naming_the_same_file_are_refused()
    {
        string output = Path.Combine(_folder, "both.mkv");
        ToolRun run = CliProcess.Run("video", clips.Clip("no-face.mp4"), "-o", output, "--jsonl", Path.Combine(_folder, "..", Path.GetFileName(_folder), "both.mkv"));
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("both name", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_folder));
    }

    [Fact]
    public void Failed_run_leaves_the_previous_outputs_untouched()
    {
        string video = Path.Combine(_folder, "out.mp4"), jsonl = Path.Combine(_folder, "out.jsonl");
        File.WriteAllText(video, "previous video");
        File.WriteAllText(jsonl, "previous lines");
        ToolRun run = CliProcess.Run("video", clips.Clip("truncated-no-index.mp4"), "-o", video, "--jsonl", jsonl);
        Assert.Equal(1, run.ExitCode);
        Assert.Equal("previous video", File.ReadAllText(video));
        Assert.Equal("previous lines", File.ReadAllText(jsonl));
        Assert.Equal(2, Directory.GetFiles(_folder).Length); // no temporary left behind
    }

    [Fact]
    public void Successful_run_replaces_an_existing_output()
    {
        string video = Path.Combine(_folder, "out.mp4"), jsonl = Path.Combine(_folder, "out.jsonl");
        File.WriteAllText(video, "previous video");
        ToolRun run = CliProcess.Run("video", clips.Clip("no-face.mp4"), "-o", video, "--jsonl", jsonl);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(6, MediaTools.Video(video).Frames);
        Assert.Equal(6, File.ReadAllLines(jsonl).Length);
        Assert.Equal(2, Directory.GetFiles(_folder).Length);
    }

    [Fact]
    public void Image_sequence_name_is_refused_before_writing_anything()
    {
        ToolRun run = CliProcess.Run("video", clips.Clip("no-face.mp4"), "-o", Path.Combine(_folder, "x%d.png"));
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("image format", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_folder));
    }

    [Fact]
    public void Odd_size_video_comes_out_at_its_size()
    {
        string input = Path.Combine(_folder, "odd.mkv");
        MediaTools.Ffmpeg("-f", "lavfi", "-i", "testsrc=size=641x481:rate=10", "-frames:v", "3", "-c:v", "libx264", "-pix_fmt", "yuv444p", input);
        string output = Path.Combine(_folder, "odd-out.mp4");
        ToolRun run = CliProcess.Run("video", input, "-o", output);
        Assert.True(run.ExitCode == 0, run.ToString());
        ProbedStream written = MediaTools.Video(output);
        Assert.Equal((641, 481, 3L), (written.Width, written.Height, written.Frames));
    }

    private string Copy(string source, string name)
    {
        string path = Path.Combine(_folder, name);
        File.Copy(source, path);
        return path;
    }

    private static void AssertRefusedAndUnchanged(string input, params string[] arguments)
    {
        byte[] before = File.ReadAllBytes(input);
        ToolRun run = CliProcess.Run(arguments);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("the same file", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
        Assert.Empty(run.Stdout);
        Assert.Equal(before, File.ReadAllBytes(input));
    }
}
