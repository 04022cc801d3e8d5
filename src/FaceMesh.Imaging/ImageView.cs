namespace FaceMesh.Imaging;

/// <summary>
/// A read-only view of 8-bit interleaved pixels with an explicit row stride (bytes from the start
/// of one row to the next, at least width * bytes per pixel). Row 0 is the top of the image.
/// The view does not own the memory: it is valid as long as the caller keeps the pixels alive
/// and unchanged.
/// </summary>
/// <remarks>
/// Three ways in: managed memory (<see cref="ImageView(ReadOnlyMemory{byte}, int, int, PixelFormat, int)"/>,
/// allocation-free), a span for the length of a callback (<see cref="Use{TResult}(ReadOnlySpan{byte}, int, int, PixelFormat, int, Func{ImageView, TResult})"/>),
/// and a native pointer with a stride (<see cref="FromPointer(nint, int, int, PixelFormat, int)"/>).
/// </remarks>
public readonly struct ImageView
{
    /// <summary>Views <paramref name="pixels"/> as a <paramref name="width"/> x <paramref name="height"/> image.</summary>
    /// <param name="pixels">The pixel bytes, row 0 first.</param>
    /// <param name="width">Width in pixels (positive).</param>
    /// <param name="height">Height in pixels (positive).</param>
    /// <param name="format">Byte layout of one pixel.</param>
    /// <param name="stride">Bytes from one row to the next; 0 means packed rows (width * bytes per pixel).</param>
    /// <exception cref="ArgumentException">The size is not positive, the stride is shorter than a row, or the buffer is too short.</exception>
    public ImageView(ReadOnlyMemory<byte> pixels, int width, int height, PixelFormat format, int stride = 0)
    {
        stride = CheckedStride(pixels.Length, width, height, format, stride);
        Pixels = pixels;
        Width = width;
        Height = height;
        Format = format;
        Stride = stride;
    }

    /// <summary>
    /// Views native memory (a camera frame, a locked bitmap, an interop buffer) without copying.
    /// The caller keeps the memory alive and unchanged while the view, or anything given it, is in use.
    /// </summary>
    /// <param name="pixels">Address of the first byte of row 0.</param>
    /// <param name="width">Width in pixels (positive).</param>
    /// <param name="height">Height in pixels (positive).</param>
    /// <param name="format">Byte layout of one pixel.</param>
    /// <param name="stride">Bytes from one row to the next (at least width * bytes per pixel).</param>
    /// <exception cref="ArgumentNullException"><paramref name="pixels"/> is zero.</exception>
    /// <exception cref="ArgumentException">The size is not positive or the stride is shorter than a row.</exception>
    public static unsafe ImageView FromPointer(nint pixels, int width, int height, PixelFormat format, int stride)
    {
        if (pixels == 0) throw new ArgumentNullException(nameof(pixels));
        int length = ExtentOf(width, height, format, ref stride);
        return new ImageView(new UnmanagedPixels((byte*)pixels, length).Memory, width, height, format, stride);
    }

    /// <summary>
    /// Runs <paramref name="body"/> with a view of <paramref name="pixels"/> (a <see cref="Span{T}"/> or
    /// stack buffer converts implicitly), pinned for the call. The view is valid only inside
    /// <paramref name="body"/>: one kept beyond it throws <see cref="ObjectDisposedException"/> when read.
    /// </summary>
    /// <exception cref="ArgumentException">The size is not positive, the stride is shorter than a row, or the span is too short.</exception>
    public static TResult Use<TResult>(ReadOnlySpan<byte> pixels, int width, int height, PixelFormat format, int stride, Func<ImageView, TResult> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return Use(pixels, width, height, format, stride, body, static (view, f) => f(view));
    }

    /// <summary>
    /// <see cref="Use{TResult}(ReadOnlySpan{byte}, int, int, PixelFormat, int, Func{ImageView, TResult})"/>
    /// with a state argument, so <paramref name="body"/> can be a static lambda that allocates no closure.
    /// </summary>
    public static unsafe TResult Use<TState, TResult>(ReadOnlySpan<byte> pixels, int width, int height, PixelFormat format, int stride,
        TState state, Func<ImageView, TState, TResult> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        stride = CheckedStride(pixels.Length, width, height, format, stride);
        fixed (byte* p = pixels)
        {
            var memory = new UnmanagedPixels(p, pixels.Length);
            try
            {
                return body(new ImageView(memory.Memory, width, height, format, stride), state);
            }
            finally
            {
                memory.Invalidate();
            }
        }
    }

    /// <summary>The pixel bytes, from the first byte of row 0.</summary>
    public ReadOnlyMemory<byte> Pixels { get; }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>Byte layout of one pixel.</summary>
    public PixelFormat Format { get; }

    /// <summary>Bytes from the start of one row to the next.</summary>
    public int Stride { get; }

    /// <summary>Bytes one pixel occupies.</summary>
    public int BytesPerPixel => Format.BytesPerPixel();

    /// <summary>The bytes of row <paramref name="y"/> (exactly width * bytes per pixel).</summary>
    public ReadOnlySpan<byte> Row(int y)
    {
        if ((uint)y >= (uint)Height) throw new ArgumentOutOfRangeException(nameof(y));
        return Pixels.Span.Slice(y * Stride, Width * BytesPerPixel);
    }

    /// <param name="pixels">The length of the pixel buffer.</param>
    private static int CheckedStride(int pixels, int width, int height, PixelFormat format, int stride)
    {
        long needed = ExtentOf(width, height, format, ref stride);
        if (pixels < needed)
            throw new ArgumentException($"Pixel buffer has {pixels} bytes; a {width}x{height} {format} image with stride {stride} needs {needed}.", nameof(pixels));
        return stride;
    }

    /// <summary>Bytes from the first pixel to the last one inclusive; resolves stride 0 to packed rows.</summary>
    private static int ExtentOf(int width, int height, PixelFormat format, ref int stride)
    {
        int bpp = format.BytesPerPixel();
        if (width <= 0 || height <= 0)
            throw new ArgumentException($"Image size must be positive, got {width}x{height}.");
        if (stride == 0) stride = checked(width * bpp);
        if (stride < width * bpp)
            throw new ArgumentException($"Stride {stride} is smaller than one row ({width} px x {bpp} bytes = {width * bpp}).", nameof(stride));
        long extent = (long)stride * (height - 1) + (long)width * bpp;
        if (extent > int.MaxValue) throw new ArgumentException($"A {width}x{height} image with stride {stride} exceeds 2 GB.", nameof(stride));
        return (int)extent;
    }
}
