using FaceMesh.Imaging;

namespace FaceMesh.Media.Tests;

/// <summary>Frames keep their own presentation times through the writer, variable rate included.</summary>
[Collection(MediaCollection.Name)]
public sealed class VideoWriterTimingTests(TestMediaFixture media)
{
    private static CancellationToken Timeout() => new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token;

    [Fact]
    public async Task Variable_rate_input_keeps_every_frame_time()
    {
        // 10 frames 4/30 s apart, then 20 frames 1/30 s apart: the last at 56/30 s, where one fixed rate would put it at 29/30 s.
        string source = media.At("vfr-source.mp4");
        TestMediaFixture.Run("-f", "lavfi", "-i", "testsrc=size=64x48:rate=30", "-frames:v", "30",
            "-vf", "setpts='if(lt(N,10),N*4,27+N)/30/TB'", "-fps_mode", "passthrough", "-c:v", "libx264", "-pix_fmt", "yuv420p", source);
        string path = media.At("vfr-out.mp4");
        var expected = new List<double>();
        await using (VideoReader input = await VideoReader.OpenAsync(source))
        await using (VideoWriter writer = await VideoWriter.OpenAsync(path, 64, 48, input.Info.FrameRate))
        {
            await foreach (VideoFrame frame in input.ReadFramesAsync(Timeout()))
            {
                expected.Add(frame.TimestampMs);
                await writer.WriteFrameAsync(frame.Image.View, TimeSpan.FromMilliseconds(frame.TimestampMs), Timeout());
            }
            await writer.CompleteAsync(Timeout());
        }
        Assert.Equal(30, expected.Count);
        Assert.Equal(56 * 1000.0 / 30, expected[^1], 1); // the clip really is variable-rate

        List<double> written = await TimesAsync(path);
        Assert.Equal(expected.Count, written.Count);
        for (int i = 0; i < expected.Count; i++) Assert.Equal(expected[i], written[i], 1.0);
    }

    [Fact]
    public async Task Frames_without_times_are_spaced_at_the_nominal_rate()
    {
        string path = media.At("nominal.mp4");
        using ImageBuffer frame = TestImages.Gradient(32, 32);
        await using (VideoWriter writer = await VideoWriter.OpenAsync(path, 32, 32, new Rational(15000, 1001)))
        {
            for (int i = 0; i < 6; i++) await writer.WriteFrameAsync(frame.View);
            await writer.CompleteAsync();
        }
        List<double> written = await TimesAsync(path);
        Assert.Equal(Enumerable.Range(0, 6).Select(i => i * 1001 / 15.0), written, new Tolerance(1.0));
        await using VideoReader result = await VideoReader.OpenAsync(path);
        Assert.Equal(new Rational(15000, 1001), result.Info.FrameRate);
    }

    [Fact]
    public async Task Times_that_do_not_increase_are_nudged_forward()
    {
        string path = media.At("stalled-clock.mp4");
        using ImageBuffer frame = TestImages.Gradient(32, 32);
        await using (VideoWriter writer = await VideoWriter.OpenAsync(path, 32, 32, new Rational(10, 1)))
        {
            foreach (double ms in new[] { 0.0, 100, 100, 50, 300 })
                await writer.WriteFrameAsync(frame.View, TimeSpan.FromMilliseconds(ms));
            await writer.CompleteAsync();
        }
        List<double> written = await TimesAsync(path);
        Assert.Equal(5, written.Count);
        Assert.Equal(300, written[^1], 1.0);
        for (int i = 1; i < written.Count; i++) Assert.True(written[i] > written[i - 1], $"frame {i} at {written[i]} ms");
    }

    private static async Task<List<double>> TimesAsync(string path)
    {
        await using VideoReader result = await VideoReader.OpenAsync(path);
        var times = new List<double>();
        await foreach (VideoFrame frame in result.ReadFramesAsync(Timeout()))
        {
            Assert.True(frame.TimestampFromStream);
            times.Add(frame.TimestampMs);
        }
        return times;
    }

    private sealed class Tolerance(double within) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= within;
        public int GetHashCode(double obj) => 0;
    }
}
