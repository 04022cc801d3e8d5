using System.Buffers.Binary;
using FaceMesh.Imaging;

namespace FaceMesh.Media.Tests;

/// <summary>The size a file declares is checked before any decoder runs, on every decoder path.</summary>
[Collection(MediaCollection.Name)]
public sealed class ImageSizeLimitTests(TestMediaFixture media)
{
    [Theory]
    [InlineData(JpegDecoder.LibjpegTurbo)]
    [InlineData(JpegDecoder.Ffmpeg)]
    public void A_small_jpeg_declaring_65000_squared_pixels_is_refused_naming_the_file(JpegDecoder decoder)
    {
        string bomb = media.At($"bomb-{decoder}.jpg");
        File.WriteAllBytes(bomb, JpegDeclaring(media, 65000, 65000));

        var e = Assert.Throws<MediaException>(() => ImageFile.Read(bomb, new ImageReadOptions { JpegDecoder = decoder }));

        Assert.Contains($"'{bomb}'", e.Message, StringComparison.Ordinal);
        Assert.Contains("65000x65000", e.Message, StringComparison.Ordinal);
        Assert.Contains("50 MP limit", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_png_declaring_a_huge_size_is_refused()
    {
        string path = media.At("bomb-source.png");
        TestMediaFixture.Run("-f", "lavfi", "-i", "testsrc=size=16x16", "-frames:v", "1", path);
        byte[] png = File.ReadAllBytes(path);
        BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(16), 200_000);
        BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(20), 100_000);
        string bomb = media.At("bomb.png");
        File.WriteAllBytes(bomb, png);

        var e = Assert.Throws<MediaException>(() => ImageFile.Read(bomb));
        Assert.Contains("200000x100000", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_limit_is_an_option_for_images_and_videos()
    {
        string path = media.At("limit.jpg");
        TestMediaFixture.Run("-f", "lavfi", "-i", "testsrc=size=64x48", "-frames:v", "1", path);
        // 64x48 = 3072 pixels.
        Assert.Throws<MediaException>(() => ImageFile.Read(path, new ImageReadOptions { MaxMegapixels = 0.003 }));
        using (ImageReadResult read = ImageFile.Read(path, new ImageReadOptions { MaxMegapixels = 0.0031 }))
            Assert.Equal(64, read.Image.Width);
        await Assert.ThrowsAsync<MediaException>(() => VideoReader.OpenAsync(media.Plain, PixelFormat.Rgb24, 0.003));
        await using VideoReader video = await VideoReader.OpenAsync(media.Plain, PixelFormat.Rgb24, 0.0031);
        Assert.Equal(64, video.Info.Width);
        Assert.Throws<ArgumentOutOfRangeException>(() => ImageFile.Read(path, new ImageReadOptions { MaxMegapixels = 0 }));
    }

    [Fact]
    public void A_video_frame_beyond_the_limit_is_refused_by_the_decoder_too()
    {
        // No still-image signature: the file goes through ffprobe, which reports the declared size.
        string path = media.At("wide.mkv");
        TestMediaFixture.Run("-f", "lavfi", "-i", "testsrc=size=320x240", "-frames:v", "1", "-c:v", "ffv1", path);
        var e = Assert.Throws<MediaException>(() => ImageFile.Read(path, new ImageReadOptions { MaxMegapixels = 0.05 }));
        Assert.Contains("320x240", e.Message, StringComparison.Ordinal);
    }

    /// <summary>A valid 64x64 baseline JPEG whose frame header is then edited to claim another size.</summary>
    internal static byte[] JpegDeclaring(TestMediaFixture media, int width, int height)
    {
        string path = media.At("small-for-bomb.jpg");
        TestMediaFixture.Run("-f", "lavfi", "-i", "testsrc=size=64x64", "-frames:v", "1", path);
        byte[] jpeg = File.ReadAllBytes(path);
        int sof = jpeg.AsSpan().IndexOf((ReadOnlySpan<byte>)[0xFF, 0xC0]);
        Assert.True(sof > 0);
        BinaryPrimitives.WriteUInt16BigEndian(jpeg.AsSpan(sof + 5), (ushort)height);
        BinaryPrimitives.WriteUInt16BigEndian(jpeg.AsSpan(sof + 7), (ushort)width);
        return jpeg;
    }
}
