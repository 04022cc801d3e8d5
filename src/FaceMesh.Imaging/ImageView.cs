namespace FaceMesh.Imaging;

/// <summary>
/// A read-only view of 8-bit interleaved pixels with an explicit row stride (bytes from the start
/// of one row to the next, at least width * bytes per pixel). Row 0 is the top of the image.
/// The view does not own the memory: it is valid as long as the caller keeps the pixels alive
/// and unchanged.
/// </summary>
public readonly struct ImageView
{
    public ImageView(ReadOnlyMemory<byte> pixels, int width, int height, PixelFormat format, int stride = 0)
    {
        int bpp = format.BytesPerPixel();
        if (width <= 0 || height <= 0)
            throw new ArgumentException($"Image size must be positive, got {width}x{height}.");
        if (stride == 0) stride = checked(width * bpp);
        if (stride < width * bpp)
            throw new ArgumentException($"Stride {stride} is smaller than one row ({width} px x {bpp} bytes = {width * bpp}).", nameof(stride));
        long needed = (long)stride * (height - 1) + (long)width * bpp;
        if (pixels.Length < needed)
            throw new ArgumentException($"Pixel buffer has {pixels.Length} bytes; a {width}x{height} {format} image with stride {stride} needs {needed}.", nameof(pixels));
        Pixels = pixels;
        Width = width;
        Height = height;
        Format = format;
        Stride = stride;
    }

    public ReadOnlyMemory<byte> Pixels { get; }
    public int Width { get; }
    public int Height { get; }
    public PixelFormat Format { get; }
    public int Stride { get; }
    public int BytesPerPixel => Format.BytesPerPixel();

    /// <summary>The bytes of row <paramref name="y"/> (exactly width * bytes per pixel).</summary>
    public ReadOnlySpan<byte> Row(int y)
    {
        if ((uint)y >= (uint)Height) throw new ArgumentOutOfRangeException(nameof(y));
        return Pixels.Span.Slice(y * Stride, Width * BytesPerPixel);
    }
}
