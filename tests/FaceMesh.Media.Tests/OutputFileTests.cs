using System.Diagnostics;
using FaceMesh.Imaging;
using FaceMesh.Media.Files;

namespace FaceMesh.Media.Tests;

/// <summary>Outputs are told apart from inputs by file identity, and replace a file only when complete.</summary>
[Collection(MediaCollection.Name)]
public sealed class OutputFileTests(TestMediaFixture media) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("facemesh-output-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Symlinks_and_hard_links_are_the_same_file_and_copies_are_not()
    {
        string original = Made("original.bin", "data");
        string symlink = Path.Combine(_folder, "symlink.bin");
        File.CreateSymbolicLink(symlink, original);
        string hardLink = HardLink(original, "hard.bin");
        string copy = Made("copy.bin", "data");
        string otherSpelling = Path.Combine(_folder, ".", "..", Path.GetFileName(_folder), "original.bin");

        Assert.True(FileIdentity.AreSame(original, symlink));
        Assert.True(FileIdentity.AreSame(hardLink, symlink));
        Assert.True(FileIdentity.AreSame(original, otherSpelling));
        Assert.False(FileIdentity.AreSame(original, copy));
        Assert.False(FileIdentity.AreSame(original, Path.Combine(_folder, "absent.bin")));
        Assert.Null(FileIdentity.Of(Path.Combine(_folder, "absent.bin")));
        Assert.True(FileIdentity.Of(original)!.Value.IsRegularFile);
        Assert.False(FileIdentity.Of("/dev/null")!.Value.IsRegularFile);
    }

    [Fact]
    public void Uncommitted_output_leaves_the_old_file_and_no_temporary()
    {
        string destination = Made("result.txt", "old");
        using (var output = OutputFile.Begin(destination))
        {
            Assert.NotEqual(destination, output.WritePath);
            Assert.Equal(Path.GetDirectoryName(destination), Path.GetDirectoryName(output.WritePath));
            File.WriteAllText(output.WritePath, "half");
        }
        Assert.Equal("old", File.ReadAllText(destination));
        Assert.Equal(["result.txt"], Directory.GetFiles(_folder).Select(Path.GetFileName));
    }

    [Fact]
    public void Commit_replaces_the_file_a_symlink_points_to_and_keeps_the_link()
    {
        string target = Made("target.txt", "old");
        string link = Path.Combine(_folder, "link.txt");
        File.CreateSymbolicLink(link, target);
        using (var output = OutputFile.Begin(link))
        {
            File.WriteAllText(output.WritePath, "new");
            output.Commit();
        }
        Assert.NotNull(new FileInfo(link).LinkTarget);
        Assert.Equal("new", File.ReadAllText(target));
    }

    [Fact]
    public void A_device_is_written_in_place()
    {
        using var output = OutputFile.Begin("/dev/null");
        Assert.False(output.IsTemporary);
        File.WriteAllText(output.WritePath, "discarded");
        output.Commit();
        Assert.False(FileIdentity.Of("/dev/null")!.Value.IsRegularFile);
    }

    [Fact]
    public async Task Failed_encode_leaves_the_existing_video_untouched()
    {
        string destination = Made("keep.mp4", "the user's old video");
        await using (VideoWriter writer = await VideoWriter.OpenAsync(destination, 16, 16, new Rational(10, 1),
            new VideoWriterOptions { VideoEncoder = "no_such_encoder" }))
        {
            using ImageBuffer frame = TestImages.Gradient(16, 16);
            await Assert.ThrowsAsync<MediaException>(async () =>
            {
                for (int i = 0; i < 1000; i++) await writer.WriteFrameAsync(frame.View);
                await writer.CompleteAsync();
            });
        }
        Assert.Equal("the user's old video", File.ReadAllText(destination));
        Assert.Single(Directory.GetFiles(_folder));
    }

    [Fact]
    public async Task Abandoned_video_leaves_the_existing_file_untouched()
    {
        string destination = Made("abandoned.mp4", "before");
        using ImageBuffer frame = TestImages.Gradient(16, 16);
        VideoWriter writer = await VideoWriter.OpenAsync(destination, 16, 16, new Rational(10, 1));
        await writer.WriteFrameAsync(frame.View);
        await writer.AbandonAsync();
        await writer.DisposeAsync();
        Assert.Equal("before", File.ReadAllText(destination));
        Assert.Single(Directory.GetFiles(_folder));
    }

    [Fact]
    public async Task Video_refuses_to_replace_its_audio_source_through_a_hard_link()
    {
        string source = Path.Combine(_folder, "with-audio.mp4");
        File.Copy(media.WithAudio, source);
        string alias = HardLink(source, "alias.mp4");
        long size = new FileInfo(source).Length;
        await Assert.ThrowsAsync<ArgumentException>(() => VideoWriter.OpenAsync(alias, 16, 16, new Rational(10, 1),
            new VideoWriterOptions { AudioSourcePath = source }));
        Assert.Equal(size, new FileInfo(source).Length);
    }

    private string Made(string name, string content)
    {
        string path = Path.Combine(_folder, name);
        File.WriteAllText(path, content);
        return path;
    }

    private string HardLink(string existing, string name)
    {
        string path = Path.Combine(_folder, name);
        using Process ln = Process.Start("ln", [existing, path]);
        ln.WaitForExit();
        Assert.Equal(0, ln.ExitCode);
        return path;
    }
}
