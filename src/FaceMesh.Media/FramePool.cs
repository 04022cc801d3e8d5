using System.Threading.Channels;
using FaceMesh.Imaging;

namespace FaceMesh.Media;

/// <summary>
/// A fixed set of frame buffers of one size and format, for pipelines whose stages run on their
/// own threads: a stage rents a buffer, passes it on, and the last stage returns it. Renting
/// waits while every buffer is in use, which is what bounds memory and makes a fast decoder wait
/// for a slow encoder. Nothing is allocated per frame.
/// </summary>
public sealed class FramePool : IDisposable
{
    private readonly Channel<ImageBuffer> _free;
    private readonly ImageBuffer[] _all;

    public FramePool(int width, int height, PixelFormat format, int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _all = new ImageBuffer[capacity];
        _free = Channel.CreateBounded<ImageBuffer>(new BoundedChannelOptions(capacity) { SingleReader = false, SingleWriter = false });
        for (int i = 0; i < capacity; i++)
        {
            _all[i] = new ImageBuffer(width, height, format);
            _free.Writer.TryWrite(_all[i]);
        }
        Width = width;
        Height = height;
        Format = format;
    }

    public int Width { get; }
    public int Height { get; }
    public PixelFormat Format { get; }
    public int Capacity => _all.Length;

    /// <summary>A free buffer; waits until one is returned if all are in use.</summary>
    public ValueTask<ImageBuffer> RentAsync(CancellationToken cancellationToken = default) => _free.Reader.ReadAsync(cancellationToken);

    public void Return(ImageBuffer buffer)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        if (Array.IndexOf(_all, buffer) < 0) throw new ArgumentException("The buffer does not belong to this pool.", nameof(buffer));
        if (!_free.Writer.TryWrite(buffer)) throw new InvalidOperationException("The buffer was returned twice.");
    }

    /// <summary>Frees every buffer; only once no stage uses them any more.</summary>
    public void Dispose()
    {
        _free.Writer.TryComplete();
        foreach (ImageBuffer buffer in _all) buffer.Dispose();
    }
}
