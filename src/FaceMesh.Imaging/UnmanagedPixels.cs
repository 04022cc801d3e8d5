using System.Buffers;

namespace FaceMesh.Imaging;

/// <summary>
/// Pixels at a native address seen as <see cref="Memory{T}"/>, so an <see cref="ImageView"/> can wrap
/// camera and interop buffers without copying. It owns nothing; a scope that ends calls
/// <see cref="Invalidate"/> so a view that outlived it throws instead of reading freed memory.
/// </summary>
internal sealed unsafe class UnmanagedPixels : MemoryManager<byte>
{
    private byte* _pointer;
    private readonly int _length;

    public UnmanagedPixels(byte* pointer, int length)
    {
        _pointer = pointer;
        _length = length;
    }

    public void Invalidate() => _pointer = null;

    public override Span<byte> GetSpan()
    {
        if (_pointer == null) throw new ObjectDisposedException(nameof(ImageView), "The pixels of this ImageView belonged to an ImageView.Use scope that has ended.");
        return new Span<byte>(_pointer, _length);
    }

    public override MemoryHandle Pin(int elementIndex = 0)
    {
        if ((uint)elementIndex > (uint)_length) throw new ArgumentOutOfRangeException(nameof(elementIndex));
        _ = GetSpan();
        return new MemoryHandle(_pointer + elementIndex);
    }

    public override void Unpin() { }

    protected override void Dispose(bool disposing) => Invalidate();
}
