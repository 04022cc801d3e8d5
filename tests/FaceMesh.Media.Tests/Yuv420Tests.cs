using FaceMesh.Imaging;

namespace FaceMesh.Media.Tests;

/// <summary>Video frames carried as 4:2:0 planes from decoder to encoder, converted to RGB only where needed.</summary>
[Collection(MediaCollection.Name)]
public sealed class Yuv420Tests(TestMediaFixture media)
{
    private static CancellationToken Timeout() => new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token;

    [Fact]
    public void The_vector_path_converts_exactly_like_the_scalar_one()
    {
        // 70 columns: whole 8-pixel steps, then a scalar tail; narrow regions take the scalar path only.
        const int width = 70, height = 6;
        byte[] planes = RandomPlanes(width, height, seed: 7);
        using var whole = new ImageBuffer(width, height, PixelFormat.Rgb24);
        using var strips = new ImageBuffer(width, height, PixelFormat.Rgb24);
        Yuv420.ToRgb(planes, width, height, whole);
        for (int x = 0; x < width; x += 2) Yuv420.ToRgb(planes, width, height, strips, x, 0, 2, height);
        Assert.Equal(strips.Span.ToArray(), whole.Span.ToArray());
        Assert.Contains(whole.Span.ToArray(), b => b is > 0 and < 255);
    }

    [Fact]
    public void Bgr_output_holds_the_same_colours_in_the_other_order()
    {
        const int width = 34, height = 4;
        byte[] planes = RandomPlanes(width, height, seed: 3);
        using var rgb = new ImageBuffer(width, height, PixelFormat.Rgb24);
        using var bgr = new ImageBuffer(width, height, PixelFormat.Bgr24);
        Yuv420.ToRgb(planes, width, height, rgb);
        Yuv420.ToRgb(planes, width, height, bgr);
        for (int i = 0; i < rgb.Length; i += 3)
            Assert.Equal((rgb.Span[i], rgb.Span[i + 1], rgb.Span[i + 2]), (bgr.Span[i + 2], bgr.Span[i + 1], bgr.Span[i]));
    }

    [Fact]
    public async Task Planes_converted_here_match_ffmpegs_own_rgb_within_a_level_on_average()
    {
        await using VideoReader rgbReader = await VideoReader.OpenAsync(media.LongPlain);
        await using VideoReader planeReader = await VideoReader.OpenYuv420Async(media.LongPlain);
        Assert.True(planeReader.IsYuv420);
        Assert.Equal((PixelFormat.Gray8, 180), (planeReader.Format, planeReader.FrameRows));
        var expected = new List<byte[]>();
        await foreach (VideoFrame frame in rgbReader.ReadFramesAsync(Timeout())) expected.Add(frame.Image.Span.ToArray());
        using var converted = new ImageBuffer(160, 120, PixelFormat.Rgb24);
        using var reference = new ImageBuffer(160, 120, PixelFormat.Rgb24);
        int index = 0;
        await foreach (VideoFrame frame in planeReader.ReadFramesAsync(Timeout()))
        {
            Yuv420.ToRgb(frame.Image.Span, 160, 120, converted);
            expected[index++].CopyTo(reference.Span);
            Assert.InRange(TestImages.MeanAbsoluteDifference(reference.View, converted.View), 0, 1.0);
        }
        Assert.Equal(expected.Count, index);
    }

    [Fact]
    public void Writing_back_an_undrawn_region_changes_nothing_and_a_drawn_pixel_changes_only_its_block()
    {
        const int width = 32, height = 16;
        byte[] planes = RandomPlanes(width, height, seed: 11);
        byte[] original = (byte[])planes.Clone();
        using var rgb = new ImageBuffer(width, height, PixelFormat.Rgb24);
        Yuv420.ToRgb(planes, width, height, rgb, 3, 3, 20, 9);
        Yuv420.WriteBackChanges(planes, width, height, rgb, 3, 3, 20, 9);
        Assert.Equal(original, planes);

        // Pure red at (9, 6): its block is columns 8..9, rows 6..7, chroma sample (4, 3).
        rgb.Row(6)[27] = 255;
        rgb.Row(6)[28] = 0;
        rgb.Row(6)[29] = 0;
        Yuv420.WriteBackChanges(planes, width, height, rgb, 3, 3, 20, 9);
        int chroma = width * height + 3 * (width / 2) + 4, chromaPlane = width * height / 4;
        var changed = Enumerable.Range(0, planes.Length).Where(i => planes[i] != original[i]).ToArray();
        Assert.Subset(new HashSet<int> { 6 * width + 9, chroma, chroma + chromaPlane }, changed.ToHashSet());
        Assert.Contains(6 * width + 9, changed);
        Assert.Equal(Math.Clamp(((66 * 255 + 128) >> 8) + 16, 0, 255), planes[6 * width + 9]);
    }

    [Fact]
    public async Task Planes_written_losslessly_read_back_bit_exact()
    {
        await using VideoReader source = await VideoReader.OpenYuv420Async(media.LongPlain);
        string path = media.At("planes-lossless.mp4");
        var written = new List<byte[]>();
        await using (VideoWriter writer = await VideoWriter.OpenAsync(path, 160, 120, source.Info.FrameRate,
            new VideoWriterOptions { Yuv420Input = true, Quality = 0, VideoEncoder = "libx264" }))
        {
            Assert.True(writer.Yuv420Input);
            await foreach (VideoFrame frame in source.ReadFramesAsync(Timeout()))
            {
                written.Add(frame.Image.Span.ToArray());
                await writer.WriteFrameAsync(frame.Image.View, TimeSpan.FromMilliseconds(frame.TimestampMs), Timeout());
            }
            await writer.CompleteAsync(Timeout());
        }
        await using VideoReader result = await VideoReader.OpenYuv420Async(path);
        int index = 0;
        await foreach (VideoFrame frame in result.ReadFramesAsync(Timeout())) Assert.Equal(written[index++], frame.Image.Span.ToArray());
        Assert.Equal(30, index);
    }

    [Fact]
    public async Task Odd_sizes_and_mismatched_frames_are_refused()
    {
        await Assert.ThrowsAsync<MediaException>(() => VideoReader.OpenYuv420Async(media.OddSize));
        await Assert.ThrowsAsync<ArgumentException>(() => VideoWriter.OpenAsync(media.At("odd-planes.mp4"), 63, 47, new Rational(10, 1),
            new VideoWriterOptions { Yuv420Input = true }));
        await using VideoWriter writer = await VideoWriter.OpenAsync(media.At("planes-refused.mp4"), 64, 48, new Rational(10, 1),
            new VideoWriterOptions { Yuv420Input = true });
        using var packed = new ImageBuffer(64, 48, PixelFormat.Rgb24);
        await Assert.ThrowsAsync<ArgumentException>(async () => await writer.WriteFrameAsync(packed.View));
        await writer.AbandonAsync();
    }

    private static byte[] RandomPlanes(int width, int height, int seed)
    {
        var random = new Random(seed);
        byte[] planes = new byte[Yuv420.FrameBytes(width, height)];
        random.NextBytes(planes);
        return planes;
    }
}
