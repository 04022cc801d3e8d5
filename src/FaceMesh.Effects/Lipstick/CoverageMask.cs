using System.Buffers;

namespace FaceMesh.Effects;

/// <summary>
/// Per-pixel weights (0..1) over a rectangle of an image, backed by pooled memory so effects
/// applied every video frame do not allocate.
/// </summary>
internal sealed class CoverageMask : IDisposable
{
    private float[]? _values;

    public CoverageMask(int left, int top, int width, int height)
    {
        Left = left;
        Top = top;
        Width = width;
        Height = height;
        _values = ArrayPool<float>.Shared.Rent(width * height);
        Values.Clear();
    }

    public int Left { get; }
    public int Top { get; }
    public int Width { get; }
    public int Height { get; }

    public Span<float> Values => (_values ?? throw new ObjectDisposedException(nameof(CoverageMask))).AsSpan(0, Width * Height);

    public Span<float> Row(int y) => Values.Slice(y * Width, Width);

    public void Dispose()
    {
        float[]? values = Interlocked.Exchange(ref _values, null);
        if (values is not null) ArrayPool<float>.Shared.Return(values);
    }
}
