namespace FaceMesh.Imaging;

/// <summary>
/// The pixels of an <see cref="ImageView"/> unpacked once per crop, so the per-pixel loops index
/// one span with precomputed channel offsets instead of going through the view.
/// </summary>
internal readonly ref struct PixelSource
{
    public PixelSource(ImageView image)
    {
        Pixels = image.Pixels.Span;
        Width = image.Width;
        Height = image.Height;
        Stride = image.Stride;
        BytesPerPixel = image.BytesPerPixel;
        (RedOffset, GreenOffset, BlueOffset) = image.Format.ChannelOffsets();
    }

    public ReadOnlySpan<byte> Pixels { get; }
    public int Width { get; }
    public int Height { get; }
    public int Stride { get; }
    public int BytesPerPixel { get; }
    public int RedOffset { get; }
    public int GreenOffset { get; }
    public int BlueOffset { get; }

    /// <summary>Byte offset of pixel (x, y); the caller guarantees it is inside the image.</summary>
    public int OffsetOf(int x, int y) => y * Stride + x * BytesPerPixel;

    public bool Contains(int x, int y) => (uint)x < (uint)Width && (uint)y < (uint)Height;
}
