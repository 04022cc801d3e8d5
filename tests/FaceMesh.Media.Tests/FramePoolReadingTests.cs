using FaceMesh.Imaging;

namespace FaceMesh.Media.Tests;

/// <summary>Decoding into pooled buffers that the consumer keeps and hands back, as a multi-stage pipeline does.</summary>
[Collection(MediaCollection.Name)]
public sealed class FramePoolReadingTests(TestMediaFixture media)
{
    private static readonly TimeSpan NeverHang = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Frames_held_across_reads_keep_their_own_pixels_and_match_the_one_buffer_path()
    {
        await using VideoReader reader = await VideoReader.OpenAsync(media.LongPlain);
        var expected = new List<byte[]>();
        await foreach (VideoFrame frame in reader.ReadFramesAsync(Timeout())) expected.Add(frame.Image.Span.ToArray());

        using var pool = new FramePool(reader.Info.Width, reader.Info.Height, PixelFormat.Rgb24, capacity: 3);
        var held = new Queue<VideoFrame>();
        int index = 0;
        await foreach (VideoFrame frame in reader.ReadFramesAsync(pool, Timeout()))
        {
            held.Enqueue(frame);
            // Keep two frames while the next decodes: a reused buffer would overwrite the oldest.
            if (held.Count < 3) continue;
            VideoFrame oldest = held.Dequeue();
            Assert.Equal(expected[index++], oldest.Image.Span.ToArray());
            pool.Return(oldest.Image);
        }
        while (held.TryDequeue(out VideoFrame rest))
        {
            Assert.Equal(expected[index++], rest.Image.Span.ToArray());
            pool.Return(rest.Image);
        }
        Assert.Equal(30, index);
        Assert.Equal(expected.Count, index);
        Assert.Equal(3, await CountFreeAsync(pool));
    }

    [Fact]
    public async Task Decoding_waits_while_the_consumer_holds_every_buffer()
    {
        await using VideoReader reader = await VideoReader.OpenAsync(media.LongPlain);
        using var pool = new FramePool(reader.Info.Width, reader.Info.Height, PixelFormat.Rgb24, capacity: 2);
        await using IAsyncEnumerator<VideoFrame> frames = reader.ReadFramesAsync(pool, Timeout()).GetAsyncEnumerator();
        Assert.True(await frames.MoveNextAsync());
        VideoFrame first = frames.Current;
        Assert.True(await frames.MoveNextAsync());

        ValueTask<bool> third = frames.MoveNextAsync();
        await Task.Delay(300);
        Assert.False(third.IsCompleted);
        pool.Return(first.Image);
        Assert.True(await third.AsTask().WaitAsync(NeverHang));
        Assert.Equal(2, frames.Current.Index);
        Assert.Same(first.Image, frames.Current.Image);
    }

    [Fact]
    public async Task A_pool_of_the_wrong_size_is_refused_before_decoding()
    {
        await using VideoReader reader = await VideoReader.OpenAsync(media.Plain);
        using var pool = new FramePool(reader.Info.Width + 2, reader.Info.Height, PixelFormat.Rgb24, capacity: 1);
        await Assert.ThrowsAsync<ArgumentException>(async () =>
        {
            await foreach (VideoFrame _ in reader.ReadFramesAsync(pool, Timeout())) { }
        });
    }

    [Fact]
    public async Task A_buffer_returned_twice_or_from_elsewhere_is_refused()
    {
        using var pool = new FramePool(4, 4, PixelFormat.Rgb24, capacity: 1);
        using var stranger = new ImageBuffer(4, 4, PixelFormat.Rgb24);
        Assert.Throws<ArgumentException>(() => pool.Return(stranger));
        ImageBuffer mine = await pool.RentAsync();
        pool.Return(mine);
        Assert.Throws<InvalidOperationException>(() => pool.Return(mine));
    }

    private static async Task<int> CountFreeAsync(FramePool pool)
    {
        var taken = new List<ImageBuffer>();
        using var none = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        try
        {
            while (true) taken.Add(await pool.RentAsync(none.Token));
        }
        catch (OperationCanceledException) { }
        foreach (ImageBuffer buffer in taken) pool.Return(buffer);
        return taken.Count;
    }

    private static CancellationToken Timeout() => new CancellationTokenSource(NeverHang).Token;
}
