using FaceMesh.Imaging;
using Xunit.Abstractions;

namespace FaceMesh.Media.Tests;

[Collection(MediaCollection.Name)]
public sealed class VideoReaderTests(TestMediaFixture media, ITestOutputHelper output)
{
    private static readonly TimeSpan NeverHang = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Probes_size_rate_count_and_audio()
    {
        await using VideoReader plain = await VideoReader.OpenAsync(media.Plain);
        await using VideoReader withAudio = await VideoReader.OpenAsync(media.WithAudio);

        Assert.Equal((64, 48), (plain.Info.Width, plain.Info.Height));
        Assert.Equal(new Rational(10, 1), plain.Info.FrameRate);
        Assert.Equal(5, plain.Info.FrameCount);
        Assert.Equal("h264", plain.Info.VideoCodec);
        Assert.False(plain.Info.HasAudio);
        Assert.True(withAudio.Info.HasAudio);
        Assert.Equal("aac", withAudio.Info.AudioCodec);
    }

    [Fact]
    public async Task Yields_every_frame_with_increasing_stream_timestamps()
    {
        await using VideoReader reader = await VideoReader.OpenAsync(media.Plain);
        var frames = new List<(long Index, double Ms, bool FromStream)>();
        await foreach (VideoFrame frame in reader.ReadFramesAsync(Timeout()))
        {
            Assert.Equal((64, 48), (frame.Image.Width, frame.Image.Height));
            frames.Add((frame.Index, frame.TimestampMs, frame.TimestampFromStream));
        }

        Assert.Equal([0L, 1, 2, 3, 4], frames.Select(f => f.Index));
        Assert.All(frames, f => Assert.True(f.FromStream));
        Assert.Equal([0.0, 100, 200, 300, 400], frames.Select(f => Math.Round(f.Ms, 3)));
        Assert.Null(reader.DecodeError);
    }

    [Fact]
    public async Task Frames_match_the_picture_ffmpeg_decodes_for_a_still()
    {
        await using VideoReader reader = await VideoReader.OpenAsync(media.OneFrame);
        string still = media.At("one-frame.png");
        TestMediaFixture.Run("-i", media.OneFrame, "-frames:v", "1", still);
        using ImageBuffer expected = ImageFile.Read(still);

        int count = 0;
        await foreach (VideoFrame frame in reader.ReadFramesAsync(Timeout()))
        {
            count++;
            Assert.InRange(TestImages.MeanAbsoluteDifference(expected.View, frame.Image.View), 0, 1.0);
        }
        Assert.Equal(1, count);
    }

    [Fact]
    public async Task Rotated_video_comes_out_upright_at_the_reported_size()
    {
        await using VideoReader plain = await VideoReader.OpenAsync(media.Plain);
        await using VideoReader rotated = await VideoReader.OpenAsync(media.Rotated);
        Assert.Equal((48, 64), (rotated.Info.Width, rotated.Info.Height));
        Assert.Equal((64, 48), (rotated.Info.CodedWidth, rotated.Info.CodedHeight));
        Assert.Equal(90, Math.Abs(rotated.Info.Rotation));

        using ImageBuffer source = await FirstFrameAsync(plain);
        using ImageBuffer upright = await FirstFrameAsync(rotated);
        Assert.Equal((48, 64), (upright.Width, upright.Height));
        // The upright frame is the coded picture turned a quarter turn, losslessly...
        double clockwise = RotationError(source, upright, clockwise: true);
        double counterClockwise = RotationError(source, upright, clockwise: false);
        output.WriteLine($"clockwise error {clockwise:F2}, counter-clockwise error {counterClockwise:F2}");
        Assert.InRange(Math.Min(clockwise, counterClockwise), 0, 1);
        // ...in the direction ffmpeg itself (and so ffplay/mpv/browsers) displays it.
        string still = media.At("rotated-still.png");
        TestMediaFixture.Run("-i", media.Rotated, "-frames:v", "1", still);
        using ImageBuffer displayed = ImageFile.Read(still);
        Assert.InRange(TestImages.MeanAbsoluteDifference(displayed.View, upright.View), 0, 1);
    }

    [Fact]
    public async Task Odd_sized_video_is_read_at_its_odd_size()
    {
        await using VideoReader reader = await VideoReader.OpenAsync(media.OddSize);
        Assert.Equal((63, 47), (reader.Info.Width, reader.Info.Height));
        int count = 0;
        await foreach (VideoFrame frame in reader.ReadFramesAsync(Timeout()))
        {
            Assert.Equal((63, 47), (frame.Image.Width, frame.Image.Height));
            count++;
        }
        Assert.Equal(5, count);
    }

    [Theory]
    [InlineData(PixelFormat.Bgr24)]
    [InlineData(PixelFormat.Rgba32)]
    [InlineData(PixelFormat.Bgra32)]
    public async Task Decodes_into_any_pixel_format(PixelFormat format)
    {
        await using VideoReader rgb = await VideoReader.OpenAsync(media.OneFrame);
        await using VideoReader other = await VideoReader.OpenAsync(media.OneFrame, format);
        using ImageBuffer expected = await FirstFrameAsync(rgb);
        using ImageBuffer actual = await FirstFrameAsync(other);
        using var converted = new ImageBuffer(actual.Width, actual.Height, PixelFormat.Rgb24);
        converted.CopyFrom(actual.View);
        Assert.True(expected.Span.SequenceEqual(converted.Span));
    }

    [Fact]
    public async Task Truncated_video_with_index_ends_early_and_reports_the_damage()
    {
        await using VideoReader reader = await VideoReader.OpenAsync(media.TruncatedKeepsIndex);
        Assert.Equal(30, reader.Info.FrameCount); // the surviving index still declares all frames
        int count = 0;
        await foreach (VideoFrame _ in reader.ReadFramesAsync(Timeout())) count++;

        output.WriteLine($"{count} frames, decode error: {reader.DecodeError}");
        Assert.InRange(count, 0, 29);
        Assert.NotNull(reader.DecodeError);
    }

    [Fact]
    public async Task Truncated_video_without_index_fails_with_one_clear_line()
    {
        var e = await Assert.ThrowsAsync<MediaException>(() => VideoReader.OpenAsync(media.TruncatedLosesIndex, cancellationToken: Timeout()));
        output.WriteLine(e.Message);
        Assert.StartsWith($"Cannot read video '{media.TruncatedLosesIndex}': moov atom not found", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public async Task Garbage_and_missing_files_are_media_errors()
    {
        var garbage = await Assert.ThrowsAsync<MediaException>(() => VideoReader.OpenAsync(media.GarbagePng));
        var missing = await Assert.ThrowsAsync<MediaException>(() => VideoReader.OpenAsync(media.At("missing.mp4")));
        output.WriteLine(garbage.Message);
        Assert.DoesNotContain('\n', garbage.Message);
        Assert.Contains("not found", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancellation_stops_decoding_promptly()
    {
        await using VideoReader reader = await VideoReader.OpenAsync(media.LongPlain);
        using var cancel = new CancellationTokenSource(NeverHang);
        int count = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (VideoFrame _ in reader.ReadFramesAsync(cancel.Token))
            {
                if (++count == 3) await cancel.CancelAsync();
            }
        });
        Assert.Equal(3, count);
    }

    [Fact]
    public async Task Stopping_early_and_reading_again_works()
    {
        await using VideoReader reader = await VideoReader.OpenAsync(media.LongPlain);
        await foreach (VideoFrame frame in reader.ReadFramesAsync(Timeout()))
        {
            if (frame.Index == 1) break;
        }
        int count = 0;
        await foreach (VideoFrame _ in reader.ReadFramesAsync(Timeout())) count++;
        Assert.Equal(30, count);
    }

    private static CancellationToken Timeout() => new CancellationTokenSource(NeverHang).Token;

    private static async Task<ImageBuffer> FirstFrameAsync(VideoReader reader)
    {
        await foreach (VideoFrame frame in reader.ReadFramesAsync(Timeout()))
        {
            var copy = new ImageBuffer(frame.Image.Width, frame.Image.Height, PixelFormat.Rgb24);
            copy.CopyFrom(frame.Image.View);
            return copy;
        }
        throw new InvalidOperationException("no frames");
    }

    /// <summary>Mean difference between the upright frame and the source turned a quarter turn.</summary>
    private static double RotationError(ImageBuffer source, ImageBuffer turned, bool clockwise)
    {
        long sum = 0;
        int w = source.Width, h = source.Height;
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
            {
                (int tx, int ty) = clockwise ? (h - 1 - y, x) : (y, w - 1 - x);
                for (int c = 0; c < 3; c++)
                    sum += Math.Abs(source.Row(y)[x * 3 + c] - turned.Row(ty)[tx * 3 + c]);
            }
        return (double)sum / (w * h * 3);
    }
}
