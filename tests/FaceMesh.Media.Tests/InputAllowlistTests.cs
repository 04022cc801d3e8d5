using FaceMesh.Imaging;

namespace FaceMesh.Media.Tests;

/// <summary>
/// Inputs are opened only with the demuxers we mean to support: a playlist or concat list that
/// names other local files is refused, whatever the file is called; real images and videos still open.
/// </summary>
[Collection(MediaCollection.Name)]
public sealed class InputAllowlistTests(TestMediaFixture media)
{
    [Theory]
    [InlineData("upload.jpg")]
    [InlineData("upload.mp4")]
    [InlineData("upload")]
    public async Task An_hls_playlist_naming_a_local_file_is_refused_as_image_and_as_video(string name)
    {
        string secret = media.At("secret.ts");
        TestMediaFixture.Run("-f", "lavfi", "-i", "testsrc=size=64x48:rate=10", "-frames:v", "10", "-c:v", "mpeg2video", secret);
        string upload = media.At(name);
        File.WriteAllText(upload, $"#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:3.0,\n{secret}\n#EXT-X-ENDLIST\n");

        var image = Assert.Throws<MediaException>(() => ImageFile.Read(upload));
        var video = await Assert.ThrowsAsync<MediaException>(() => VideoReader.OpenAsync(upload));

        foreach (MediaException e in (MediaException[])[image, video])
        {
            Assert.Contains($"'{upload}'", e.Message, StringComparison.Ordinal);
            Assert.Contains("not a supported image or video format", e.Message, StringComparison.Ordinal);
            Assert.DoesNotContain('\n', e.Message);
        }
    }

    [Fact]
    public async Task A_concat_list_is_refused()
    {
        string list = media.At("list.mp4");
        File.WriteAllText(list, $"ffconcat version 1.0\nfile '{media.Plain}'\n");
        var e = await Assert.ThrowsAsync<MediaException>(() => VideoReader.OpenAsync(list));
        Assert.Contains($"'{list}'", e.Message, StringComparison.Ordinal);
        Assert.Throws<MediaException>(() => ImageFile.Read(list));
    }

    [Theory]
    [InlineData("png")]
    [InlineData("jpg")]
    [InlineData("bmp")]
    [InlineData("tiff")]
    [InlineData("webp")]
    [InlineData("gif")]
    [InlineData("ppm")]
    [InlineData("pgm")]
    [InlineData("pam")]
    public void Every_supported_still_format_reads_at_its_size_even_under_a_misleading_name(string extension)
    {
        string made = media.At($"allow.{extension}");
        string[] grey = extension == "pgm" ? ["-pix_fmt", "gray"] : [];
        TestMediaFixture.Run(["-f", "lavfi", "-i", "testsrc=size=40x30", "-frames:v", "1", .. grey, made]);
        string disguised = media.At($"allow-{extension}.dat");
        File.Copy(made, disguised, overwrite: true);

        using ImageBuffer image = ImageFile.Read(disguised);
        using ImageBuffer reference = ImageFile.Read(made);

        Assert.Equal((40, 30), (image.Width, image.Height));
        Assert.True(image.Span.SequenceEqual(reference.Span));
        Assert.True(image.Span.ToArray().Distinct().Count() > 8, "decoded to a flat image");
    }

    [Theory]
    [InlineData("mp4", "libx264")]
    [InlineData("webm", "libvpx-vp9")]
    [InlineData("avi", "mpeg4")]
    [InlineData("mkv", "ffv1")]
    public async Task Supported_video_containers_open_and_their_first_frame_reads_as_an_image(string extension, string codec)
    {
        string path = media.At($"allow-video.{extension}");
        TestMediaFixture.Run("-f", "lavfi", "-i", "testsrc=size=64x48:rate=10", "-frames:v", "3", "-c:v", codec, path);

        await using VideoReader reader = await VideoReader.OpenAsync(path);
        int frames = 0;
        await foreach (VideoFrame _ in reader.ReadFramesAsync()) frames++;
        using ImageBuffer first = ImageFile.Read(path);

        Assert.Equal(3, frames);
        Assert.Equal((64, 48), (first.Width, first.Height));
    }
}
