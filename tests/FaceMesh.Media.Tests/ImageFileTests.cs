using FaceMesh.Imaging;

namespace FaceMesh.Media.Tests;

[Collection(MediaCollection.Name)]
public sealed class ImageFileTests(TestMediaFixture media)
{
    [Theory]
    [InlineData(PixelFormat.Rgb24)]
    [InlineData(PixelFormat.Bgr24)]
    [InlineData(PixelFormat.Rgba32)]
    [InlineData(PixelFormat.Bgra32)]
    public void Png_round_trip_is_byte_exact(PixelFormat format)
    {
        using ImageBuffer original = TestImages.Pattern(37, 21, format);
        string path = media.At($"roundtrip-{format}.png");

        ImageFile.Write(original.View, path);
        using ImageBuffer read = ImageFile.Read(path, format);

        Assert.Equal((37, 21, format), (read.Width, read.Height, read.Format));
        Assert.True(original.Span.SequenceEqual(read.Span));
    }

    [Fact]
    public void Jpeg_round_trip_is_close()
    {
        using ImageBuffer original = TestImages.Gradient(64, 48);
        string path = media.At("gradient.jpg");

        ImageFile.Write(original.View, path);
        using ImageBuffer read = ImageFile.Read(path);

        Assert.Equal((64, 48), (read.Width, read.Height));
        Assert.InRange(TestImages.MeanAbsoluteDifference(original.View, read.View), 0, 2.0);
    }

    [Fact]
    public void Reads_an_ffmpeg_made_png_at_its_size_in_any_channel_order()
    {
        using ImageBuffer rgb = ImageFile.Read(media.TestPng);
        using ImageBuffer bgr = ImageFile.Read(media.TestPng, PixelFormat.Bgr24);

        Assert.Equal((64, 48), (rgb.Width, rgb.Height));
        for (int i = 0; i < rgb.Length; i += 3)
        {
            Assert.Equal(rgb.Span[i], bgr.Span[i + 2]);
            Assert.Equal(rgb.Span[i + 1], bgr.Span[i + 1]);
            Assert.Equal(rgb.Span[i + 2], bgr.Span[i]);
        }
    }

    [Theory]
    [InlineData("bmp")]
    [InlineData("tiff")]
    [InlineData("ppm")]
    public void Lossless_formats_chosen_by_extension_round_trip(string extension)
    {
        using ImageBuffer original = TestImages.Pattern(15, 9, PixelFormat.Rgb24);
        string path = media.At($"roundtrip.{extension}");

        ImageFile.Write(original.View, path);
        using ImageBuffer read = ImageFile.Read(path);

        Assert.True(original.Span.SequenceEqual(read.Span));
    }

    [Fact]
    public void Writes_a_strided_view()
    {
        using ImageBuffer wide = TestImages.Pattern(10, 4, PixelFormat.Rgb24);
        // The left 6 columns of a 10-wide image: stride 30, row 18 bytes.
        var view = new ImageView(wide.Memory, 6, 4, PixelFormat.Rgb24, wide.Stride);
        string path = media.At("strided.png");

        ImageFile.Write(view, path);
        using ImageBuffer read = ImageFile.Read(path);

        for (int y = 0; y < 4; y++) Assert.True(view.Row(y).SequenceEqual(read.Row(y)));
    }

    [Fact]
    public void Missing_file_is_reported_before_ffmpeg_runs()
    {
        var e = Assert.Throws<MediaException>(() => ImageFile.Read(media.At("nope.png")));
        Assert.Contains("not found", e.Message, StringComparison.Ordinal);
        Assert.IsType<FileNotFoundException>(e.InnerException);
    }

    [Fact]
    public void Garbage_file_gives_one_line_with_ffmpegs_reason()
    {
        var e = Assert.Throws<MediaException>(() => ImageFile.Read(media.GarbagePng));
        Assert.StartsWith($"Cannot read image '{media.GarbagePng}': ", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
        Assert.True(e.Message.Length > $"Cannot read image '{media.GarbagePng}': ".Length + 5, e.Message);
    }

    [Fact]
    public void Truncated_png_is_a_media_error()
    {
        var e = Assert.Throws<MediaException>(() => ImageFile.Read(media.TruncatedPng));
        Assert.Contains("Cannot read image", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void Unknown_extension_is_rejected_with_the_supported_list()
    {
        using ImageBuffer image = TestImages.Pattern(4, 4, PixelFormat.Rgb24);
        var e = Assert.Throws<MediaException>(() => ImageFile.Write(image.View, media.At("x.xyz")));
        Assert.Contains(".png", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_output_directory_is_a_media_error()
    {
        using ImageBuffer image = TestImages.Pattern(4, 4, PixelFormat.Rgb24);
        var e = Assert.Throws<MediaException>(() => ImageFile.Write(image.View, media.At("no/such/dir/x.png")));
        Assert.Contains("does not exist", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_leaves_no_temporary_files()
    {
        using ImageBuffer image = TestImages.Pattern(4, 4, PixelFormat.Rgb24);
        string dir = Path.Combine(media.Directory, "clean");
        Directory.CreateDirectory(dir);
        ImageFile.Write(image.View, Path.Combine(dir, "a.png"));
        Assert.Equal(["a.png"], Directory.GetFiles(dir).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Cancelled_read_throws_operation_cancelled()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ImageFile.ReadAsync(media.TestPng, cancellationToken: cancelled.Token));
    }
}
