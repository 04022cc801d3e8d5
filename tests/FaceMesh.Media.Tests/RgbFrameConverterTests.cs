using FaceMesh.Imaging;

namespace FaceMesh.Media.Tests;

/// <summary>The one way video commands decode for the landmarker: 4:2:0 where the size allows, RGB once per frame.</summary>
[Collection(MediaCollection.Name)]
public sealed class RgbFrameConverterTests(TestMediaFixture media)
{
    private static CancellationToken Timeout() => new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token;

    [Fact]
    public async Task Even_sized_video_decodes_as_planes_and_converts_like_yuv420_to_rgb()
    {
        await using VideoReader probed = await VideoReader.OpenAsync(media.LongPlain);
        await using VideoReader reader = probed.WithYuv420FramesWhereSupported();
        Assert.True(reader.IsYuv420);
        using var converter = new RgbFrameConverter(reader);
        Assert.True(converter.Converts);
        using var expected = new ImageBuffer(160, 120, PixelFormat.Rgb24);
        int frames = 0;
        await foreach (VideoFrame frame in reader.ReadFramesAsync(Timeout()))
        {
            ImageView rgb = converter.ToRgb(frame.Image);
            Yuv420.ToRgb(frame.Image.Span, 160, 120, expected);
            Assert.Equal((160, 120, PixelFormat.Rgb24), (rgb.Width, rgb.Height, rgb.Format));
            Assert.Equal(expected.Span.ToArray(), rgb.Pixels.Span[..expected.Length].ToArray());
            frames++;
        }
        Assert.Equal(30, frames);
    }

    [Fact]
    public async Task Odd_sized_video_stays_rgb_and_passes_through_unconverted()
    {
        await using VideoReader probed = await VideoReader.OpenAsync(media.OddSize);
        VideoReader reader = probed.WithYuv420FramesWhereSupported();
        Assert.Same(probed, reader);
        Assert.False(reader.IsYuv420);
        using var converter = new RgbFrameConverter(reader);
        Assert.False(converter.Converts);
        int frames = 0;
        await foreach (VideoFrame frame in reader.ReadFramesAsync(Timeout()))
        {
            ImageView rgb = converter.ToRgb(frame.Image);
            Assert.Equal((63, 47), (rgb.Width, rgb.Height));
            Assert.True(rgb.Pixels.Span.Overlaps(frame.Image.Span), "an RGB frame is handed back, not copied");
            frames++;
        }
        Assert.Equal(5, frames);
    }

    [Fact]
    public void Sizes_and_frames_that_do_not_fit_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new RgbFrameConverter(63, 48, yuv420: true));
        Assert.Throws<ArgumentException>(() => new RgbFrameConverter(64, 47, yuv420: true));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RgbFrameConverter(0, 48, yuv420: false));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RgbFrameConverter(64, -2, yuv420: true));
        Assert.Throws<ArgumentNullException>(() => new RgbFrameConverter(null!));

        using var planar = new RgbFrameConverter(64, 48, yuv420: true);
        using var packed = new ImageBuffer(64, 48, PixelFormat.Rgb24);
        using var shortPlanes = new ImageBuffer(64, 48, PixelFormat.Gray8);
        Assert.Throws<ArgumentException>(() => planar.ToRgb(packed));
        Assert.Throws<ArgumentException>(() => planar.ToRgb(shortPlanes));

        using var passThrough = new RgbFrameConverter(64, 48, yuv420: false);
        using var smaller = new ImageBuffer(62, 48, PixelFormat.Rgb24);
        Assert.Throws<ArgumentException>(() => passThrough.ToRgb(smaller));
        Assert.Equal((64, 48), (passThrough.ToRgb(packed).Width, passThrough.ToRgb(packed).Height));

        planar.Dispose();
        using var planes = new ImageBuffer(64, Yuv420.BufferHeight(48), PixelFormat.Gray8);
        Assert.Throws<ObjectDisposedException>(() => planar.ToRgb(planes));
    }
}
