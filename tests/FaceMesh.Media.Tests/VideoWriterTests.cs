using FaceMesh.Imaging;
using Xunit.Abstractions;

namespace FaceMesh.Media.Tests;

[Collection(MediaCollection.Name)]
public sealed class VideoWriterTests(TestMediaFixture media, ITestOutputHelper output)
{
    private static CancellationToken Timeout() => new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token;

    [Fact]
    public async Task Re_encoding_keeps_size_rate_frames_and_audio()
    {
        await using VideoReader source = await VideoReader.OpenAsync(media.WithAudio);
        string path = media.At("reencoded.mp4");
        var firstFrames = new List<byte[]>();
        await using (VideoWriter writer = await VideoWriter.OpenAsync(path, source.Info.Width, source.Info.Height, source.Info.FrameRate,
            new VideoWriterOptions { AudioSourcePath = source.Info.Path }))
        {
            output.WriteLine($"encoder {writer.VideoEncoder}");
            Assert.True(writer.HasAudio);
            await foreach (VideoFrame frame in source.ReadFramesAsync(Timeout()))
            {
                firstFrames.Add(frame.Image.Span.ToArray());
                await writer.WriteFrameAsync(frame.Image.View, Timeout());
            }
            await writer.CompleteAsync(Timeout());
        }

        await using VideoReader result = await VideoReader.OpenAsync(path);
        Assert.Equal((64, 48), (result.Info.Width, result.Info.Height));
        Assert.Equal(new Rational(10, 1), result.Info.FrameRate);
        Assert.Equal("aac", result.Info.AudioCodec);
        int index = 0;
        await foreach (VideoFrame frame in result.ReadFramesAsync(Timeout()))
        {
            using var expected = new ImageBuffer(64, 48, PixelFormat.Rgb24);
            firstFrames[index++].CopyTo(expected.Span);
            Assert.InRange(TestImages.MeanAbsoluteDifference(expected.View, frame.Image.View), 0, 6);
        }
        Assert.Equal(5, index);
        Assert.Null(result.DecodeError);
    }

    [Theory]
    [InlineData(63, 47)]
    [InlineData(641, 481)]
    [InlineData(64, 47)]
    public async Task Odd_size_is_kept_exactly(int width, int height)
    {
        string path = media.At($"odd-out-{width}x{height}.mp4");
        using ImageBuffer frame = TestImages.Gradient(width, height);
        await using (VideoWriter writer = await VideoWriter.OpenAsync(path, width, height, new Rational(25, 1)))
        {
            for (int i = 0; i < 3; i++) await writer.WriteFrameAsync(frame.View);
            await writer.CompleteAsync();
        }
        await using VideoReader result = await VideoReader.OpenAsync(path);
        Assert.Equal((width, height), (result.Info.CodedWidth, result.Info.CodedHeight));
        Assert.Equal(3, result.Info.FrameCount);
        await foreach (VideoFrame decoded in result.ReadFramesAsync(Timeout()))
            Assert.InRange(TestImages.MeanAbsoluteDifference(frame.View, decoded.Image.View), 0, 3);
    }

    [Fact]
    public async Task Cancellation_leaves_a_playable_file_with_the_frames_written()
    {
        string path = media.At("cancelled.mp4");
        using ImageBuffer frame = TestImages.Gradient(64, 48);
        using var cancel = new CancellationTokenSource();
        await using (VideoWriter writer = await VideoWriter.OpenAsync(path, 64, 48, new Rational(10, 1),
            new VideoWriterOptions { AudioSourcePath = media.WithAudio }))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
            {
                for (int i = 0; ; i++)
                {
                    if (i == 12) await cancel.CancelAsync();
                    await writer.WriteFrameAsync(frame.View, cancel.Token);
                }
            });
            Assert.Equal(12, writer.FramesWritten);
        } // dispose without CompleteAsync: ffmpeg must still finalise the file

        await using VideoReader result = await VideoReader.OpenAsync(path);
        int count = 0;
        await foreach (VideoFrame _ in result.ReadFramesAsync(Timeout())) count++;
        Assert.Equal(12, count);
        Assert.Null(result.DecodeError);
        Assert.True(result.Info.HasAudio);
        Assert.InRange(result.Info.Duration!.Value.TotalSeconds, 0.5, 1.6);
    }

    [Fact]
    public async Task Writes_bgra_frames()
    {
        string path = media.At("bgra.mp4");
        using ImageBuffer rgb = TestImages.Gradient(32, 32);
        using var bgra = new ImageBuffer(32, 32, PixelFormat.Bgra32);
        bgra.CopyFrom(rgb.View);
        await using (VideoWriter writer = await VideoWriter.OpenAsync(path, 32, 32, new Rational(30000, 1001),
            new VideoWriterOptions { InputFormat = PixelFormat.Bgra32 }))
        {
            writer.WriteFrame(bgra.View);
            await writer.CompleteAsync();
        }
        await using VideoReader result = await VideoReader.OpenAsync(path);
        Assert.Equal(new Rational(30000, 1001), result.Info.FrameRate);
        await foreach (VideoFrame frame in result.ReadFramesAsync(Timeout()))
            Assert.InRange(TestImages.MeanAbsoluteDifference(rgb.View, frame.Image.View), 0, 6);
    }

    [Fact]
    public async Task Wrong_frame_size_is_rejected()
    {
        await using VideoWriter writer = await VideoWriter.OpenAsync(media.At("wrong.mp4"), 16, 16, new Rational(10, 1));
        using ImageBuffer frame = TestImages.Gradient(8, 8);
        await Assert.ThrowsAsync<ArgumentException>(async () => await writer.WriteFrameAsync(frame.View));
    }

    [Fact]
    public async Task Encoder_failure_is_a_media_error()
    {
        // An encoder ffmpeg does not have fails at start-up; the next write or completion reports it.
        await using VideoWriter writer = await VideoWriter.OpenAsync(media.At("bad.mp4"), 16, 16, new Rational(10, 1),
            new VideoWriterOptions { VideoEncoder = "no_such_encoder" });
        using ImageBuffer frame = TestImages.Gradient(16, 16);
        var e = await Assert.ThrowsAsync<MediaException>(async () =>
        {
            for (int i = 0; i < 1000; i++) await writer.WriteFrameAsync(frame.View);
            await writer.CompleteAsync();
        });
        output.WriteLine(e.Message);
        Assert.Contains("no_such_encoder", e.Message, StringComparison.Ordinal);
    }
}
