using System.Buffers;

namespace FaceMesh.Imaging;

/// <summary>
/// An owned, writable image whose pixels come from <see cref="ArrayPool{T}"/>; dispose it to return
/// them. Rows are packed (stride = width * bytes per pixel).
/// </summary>
public sealed class ImageBuffer : IDisposable
{
    private byte[]? _pixels;

    /// <summary>A zero-filled <paramref name="width"/> x <paramref name="height"/> image.</summary>
    /// <exception cref="ArgumentException">The size is not positive.</exception>
    public ImageBuffer(int width, int height, PixelFormat format)
    {
        if (width <= 0 || height <= 0)
            throw new ArgumentException($"Image size must be positive, got {width}x{height}.");
        Width = width;
        Height = height;
        Format = format;
        Stride = checked(width * format.BytesPerPixel());
        Length = checked(Stride * height);
        _pixels = ArrayPool<byte>.Shared.Rent(Length);
        Array.Clear(_pixels, 0, Length);
    }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }
    /// <summary>Height in pixels.</summary>
    public int Height { get; }
    /// <summary>Byte layout of one pixel.</summary>
    public PixelFormat Format { get; }
    /// <summary>Bytes from one row to the next (width * bytes per pixel).</summary>
    public int Stride { get; }
    /// <summary>Number of pixel bytes (stride * height).</summary>
    public int Length { get; }

    /// <summary>All pixel bytes, row 0 first.</summary>
    public Span<byte> Span => Pixels.AsSpan(0, Length);
    /// <summary>All pixel bytes as <see cref="Memory{T}"/>; valid until the buffer is disposed.</summary>
    public Memory<byte> Memory => Pixels.AsMemory(0, Length);
    /// <summary>A read-only view for the pipeline; valid until the buffer is disposed.</summary>
    public ImageView View => new(Memory, Width, Height, Format, Stride);
    /// <summary>The bytes of row <paramref name="y"/>.</summary>
    public Span<byte> Row(int y)
    {
        if ((uint)y >= (uint)Height) throw new ArgumentOutOfRangeException(nameof(y));
        return Pixels.AsSpan(y * Stride, Stride);
    }

    /// <summary>Copies a view of the same size into this buffer, converting the pixel format.</summary>
    public void CopyFrom(ImageView source)
    {
        if (source.Width != Width || source.Height != Height)
            throw new ArgumentException($"Size mismatch: {source.Width}x{source.Height} into {Width}x{Height}.", nameof(source));
        var (sr, sg, sb) = source.Format.ChannelOffsets();
        var (dr, dg, db) = Format.ChannelOffsets();
        int sbpp = source.BytesPerPixel, dbpp = Format.BytesPerPixel();
        bool dstAlpha = dbpp == 4, srcAlpha = sbpp == 4, dstGray = Format == PixelFormat.Gray8;
        for (int y = 0; y < Height; y++)
        {
            ReadOnlySpan<byte> s = source.Row(y);
            Span<byte> d = Row(y);
            if (source.Format == Format) { s.CopyTo(d); continue; }
            for (int x = 0, si = 0, di = 0; x < Width; x++, si += sbpp, di += dbpp)
            {
                if (dstGray)
                {
                    d[di] = Luma(s[si + sr], s[si + sg], s[si + sb]);
                    continue;
                }
                d[di + dr] = s[si + sr];
                d[di + dg] = s[si + sg];
                d[di + db] = s[si + sb];
                if (dstAlpha) d[di + 3] = srcAlpha ? s[si + 3] : (byte)255;
            }
        }
    }

    /// <summary>ITU-R BT.601 luma in 8-bit fixed point, as OpenCV's RGB-to-gray conversion weighs the channels.</summary>
    private static byte Luma(byte r, byte g, byte b) => (byte)((r * 4899 + g * 9617 + b * 1868 + 8192) >> 14);

    private byte[] Pixels => _pixels ?? throw new ObjectDisposedException(nameof(ImageBuffer));

    /// <summary>Returns the pixels to the pool; the buffer is unusable afterwards.</summary>
    public void Dispose()
    {
        byte[]? p = Interlocked.Exchange(ref _pixels, null);
        if (p is not null) ArrayPool<byte>.Shared.Return(p);
    }
}
