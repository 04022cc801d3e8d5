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

    [Theory]
    [InlineData(0, 0, 64, 48)]
    [InlineData(10, 6, 16, 20)] // ends right after one 8-pixel vector step
    [InlineData(3, 5, 25, 9)] // odd corners: widened to even ones
    [InlineData(40, 30, 24, 18)] // reaches the right and bottom edges
    public void A_region_converts_exactly_its_even_widened_pixels_and_leaves_the_rest_alone(int x, int y, int width, int height)
    {
        const int frameWidth = 64, frameHeight = 48;
        using var planes = new ImageBuffer(frameWidth, Yuv420.BufferHeight(frameHeight), PixelFormat.Gray8);
        new Random(7).NextBytes(planes.Span);
        using var whole = new ImageBuffer(frameWidth, frameHeight, PixelFormat.Rgb24);
        Yuv420.ToRgb(planes.Span, frameWidth, frameHeight, whole);
        using var converter = new RgbFrameConverter(frameWidth, frameHeight, yuv420: true);
        // A first frame of another colour makes the untouched pixels recognisable.
        using var earlier = new ImageBuffer(frameWidth, Yuv420.BufferHeight(frameHeight), PixelFormat.Gray8);
        earlier.Span.Fill(200);
        ImageView before = converter.ToRgb(earlier);
        byte[] stale = before.Pixels.Span[..whole.Length].ToArray();

        ImageView rgb = converter.ToRgb(planes, new System.Drawing.Rectangle(x, y, width, height));

        int x0 = x & ~1, y0 = y & ~1, x1 = (x + width + 1) & ~1, y1 = (y + height + 1) & ~1;
        ReadOnlySpan<byte> got = rgb.Pixels.Span;
        for (int row = 0; row < frameHeight; row++)
            for (int column = 0; column < frameWidth; column++)
            {
                bool inside = column >= x0 && column < x1 && row >= y0 && row < y1;
                int p = row * whole.Stride + column * 3;
                byte[] expected = inside ? whole.Span.Slice(p, 3).ToArray() : stale.AsSpan(p, 3).ToArray();
                Assert.True(expected.AsSpan().SequenceEqual(got.Slice(p, 3)), $"pixel ({column}, {row}), inside: {inside}");
            }
    }

    [Fact]
    public void Regions_outside_the_frame_or_empty_are_refused()
    {
        using var converter = new RgbFrameConverter(64, 48, yuv420: true);
        using var planes = new ImageBuffer(64, Yuv420.BufferHeight(48), PixelFormat.Gray8);
        Assert.Throws<ArgumentOutOfRangeException>(() => converter.ToRgb(planes, new System.Drawing.Rectangle(-1, 0, 10, 10)));
        Assert.Throws<ArgumentOutOfRangeException>(() => converter.ToRgb(planes, new System.Drawing.Rectangle(60, 0, 10, 10)));
        Assert.Throws<ArgumentOutOfRangeException>(() => converter.ToRgb(planes, new System.Drawing.Rectangle(0, 40, 10, 10)));
        Assert.Throws<ArgumentOutOfRangeException>(() => converter.ToRgb(planes, new System.Drawing.Rectangle(0, 0, 0, 10)));
        Assert.Equal(64, converter.ToRgb(planes, new System.Drawing.Rectangle(0, 0, 64, 48)).Width);
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
