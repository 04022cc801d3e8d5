using FaceMesh.Imaging;

namespace FaceMesh.Media.Tests;

/// <summary>
/// <see cref="ImageFile.DecodeAsync(ReadOnlyMemory{byte}, string, ImageReadOptions, CancellationToken)"/>
/// (uploads) keeps every guarantee of reading the same bytes from a file: pixels, size limit,
/// EXIF, warnings and strictness; and it accepts still images only.
/// </summary>
[Collection(MediaCollection.Name)]
public sealed class InMemoryDecodeTests(TestMediaFixture media)
{
    [FixtureTheory("grace_hopper.jpg", "messi5.jpg", "astronaut.png")]
    [InlineData("grace_hopper.jpg", JpegDecoder.LibjpegTurbo)]
    [InlineData("messi5.jpg", JpegDecoder.LibjpegTurbo)]
    [InlineData("grace_hopper.jpg", JpegDecoder.Ffmpeg)]
    [InlineData("astronaut.png", JpegDecoder.LibjpegTurbo)]
    public async Task Decoding_from_memory_gives_the_pixels_of_reading_the_file(string fixture, JpegDecoder decoder)
    {
        string path = TestPaths.Fixture(fixture);
        var options = new ImageReadOptions { JpegDecoder = decoder };

        using ImageReadResult file = await ImageFile.ReadAsync(path, options);
        using ImageReadResult memory = await ImageFile.DecodeAsync(File.ReadAllBytes(path), fixture, options);

        Assert.Equal((file.Image.Width, file.Image.Height), (memory.Image.Width, memory.Image.Height));
        Assert.True(memory.Image.Span.SequenceEqual(file.Image.Span), "memory and file decodes differ");
        Assert.Empty(memory.Warnings);
        Assert.True(memory.Image.Span.ToArray().Distinct().Count() > 100, "decoded to a flat image");
    }

    [FixtureFact("grace_hopper.jpg")]
    public async Task A_jpeg_from_memory_goes_through_djpeg_not_ffmpeg()
    {
        byte[] jpeg = File.ReadAllBytes(TestPaths.Fixture("grace_hopper.jpg"));
        using ImageReadResult djpeg = await ImageFile.DecodeAsync(jpeg, "a.jpg", ImageReadOptions.Default);
        using ImageReadResult ffmpeg = await ImageFile.DecodeAsync(jpeg, "a.jpg", new ImageReadOptions { JpegDecoder = JpegDecoder.Ffmpeg });
        Assert.False(djpeg.Image.Span.SequenceEqual(ffmpeg.Image.Span), "the two decoders should differ on this photo");
    }

    [Fact]
    public async Task Exif_orientation_is_applied_from_memory_as_from_a_file()
    {
        string plain = media.At("memory-exif-source.jpg");
        TestMediaFixture.Run("-f", "lavfi", "-i", "testsrc=size=64x48", "-frames:v", "1", plain);
        byte[] tagged = ExifOrientationTests.WithJpegExif(File.ReadAllBytes(plain), 6);
        string path = media.At("memory-exif.jpg");
        File.WriteAllBytes(path, tagged);

        using ImageReadResult file = await ImageFile.ReadAsync(path, ImageReadOptions.Default);
        using ImageReadResult memory = await ImageFile.DecodeAsync(tagged, "tagged.jpg", ImageReadOptions.Default);
        using ImageReadResult stored = await ImageFile.DecodeAsync(tagged, "tagged.jpg", new ImageReadOptions { ApplyExifOrientation = false });

        Assert.Equal((48, 64), (memory.Image.Width, memory.Image.Height));
        Assert.Equal((64, 48), (stored.Image.Width, stored.Image.Height));
        Assert.True(memory.Image.Span.SequenceEqual(file.Image.Span));
    }

    [Theory]
    [InlineData(JpegDecoder.LibjpegTurbo)]
    [InlineData(JpegDecoder.Ffmpeg)]
    public async Task A_size_bomb_in_memory_is_refused_naming_it(JpegDecoder decoder)
    {
        byte[] bomb = ImageSizeLimitTests.JpegDeclaring(media, 65000, 65000);

        var e = await Assert.ThrowsAsync<MediaException>(() =>
            ImageFile.DecodeAsync(bomb, "bomb.jpg", new ImageReadOptions { JpegDecoder = decoder }));

        Assert.Contains("'bomb.jpg'", e.Message, StringComparison.Ordinal);
        Assert.Contains("65000x65000", e.Message, StringComparison.Ordinal);
        Assert.Contains("50 MP limit", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_playlist_or_a_video_in_memory_is_refused_in_one_line_naming_it()
    {
        string secret = media.At("memory-secret.ts");
        TestMediaFixture.Run("-f", "lavfi", "-i", "testsrc=size=64x48:rate=10", "-frames:v", "10", "-c:v", "mpeg2video", secret);
        byte[] playlist = System.Text.Encoding.UTF8.GetBytes($"#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:3.0,\n{secret}\n#EXT-X-ENDLIST\n");

        foreach ((string name, byte[] bytes) in (IEnumerable<(string, byte[])>)[("upload.jpg", playlist), ("clip.mp4", File.ReadAllBytes(media.Plain))])
        {
            var e = await Assert.ThrowsAsync<MediaException>(() => ImageFile.DecodeAsync(bytes, name, ImageReadOptions.Default));
            Assert.Contains($"'{name}'", e.Message, StringComparison.Ordinal);
            Assert.Contains("not a supported still image", e.Message, StringComparison.Ordinal);
            Assert.DoesNotContain('\n', e.Message);
        }
    }

    [Fact]
    public async Task Empty_bytes_are_refused_naming_them()
    {
        var e = await Assert.ThrowsAsync<MediaException>(() => ImageFile.DecodeAsync(ReadOnlyMemory<byte>.Empty, "nothing.png"));
        Assert.Contains("'nothing.png'", e.Message, StringComparison.Ordinal);
        Assert.Contains("empty", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(JpegDecoder.LibjpegTurbo)]
    [InlineData(JpegDecoder.Ffmpeg)]
    public async Task A_truncated_jpeg_in_memory_warns_as_the_file_does_and_strict_refuses_it(JpegDecoder decoder)
    {
        string whole = media.At($"memory-whole-{decoder}.jpg");
        TestMediaFixture.Run("-f", "lavfi", "-i", "testsrc2=size=320x240", "-frames:v", "1", "-pix_fmt", "yuvj420p", "-q:v", "3", whole);
        byte[] bytes = File.ReadAllBytes(whole);
        byte[] truncated = bytes[..(bytes.Length * 6 / 10)];
        string path = media.At($"memory-truncated-{decoder}.jpg");
        File.WriteAllBytes(path, truncated);
        var options = new ImageReadOptions { JpegDecoder = decoder };

        using ImageReadResult memory = await ImageFile.DecodeAsync(truncated, "cut.jpg", options);
        using ImageReadResult file = await ImageFile.ReadAsync(path, options);

        Assert.True(memory.IsDamaged);
        Assert.Equal(file.Warnings, memory.Warnings);
        Assert.Equal((320, 240), (memory.Image.Width, memory.Image.Height));
        Assert.True(memory.Image.Span.SequenceEqual(file.Image.Span));
        var strict = await Assert.ThrowsAsync<ImageDamagedException>(() =>
            ImageFile.DecodeAsync(truncated, "cut.jpg", options with { Strict = true }));
        Assert.Contains("'cut.jpg'", strict.Message, StringComparison.Ordinal);
        Assert.Equal(memory.Warnings, strict.Warnings);
        // The overload that returns only pixels cannot carry warnings, so it refuses too.
        await Assert.ThrowsAsync<ImageDamagedException>(() => ImageFile.DecodeAsync(truncated, "cut.jpg", PixelFormat.Rgb24));
    }
}
