using System.Buffers;
using System.IO.Compression;
using FaceMesh.Imaging;

namespace FaceMesh.Media.Png;

/// <summary>
/// Decodes the common PNGs (8-bit grey, RGB, palette, grey+alpha, RGBA; not interlaced) in
/// process, to the same bytes ffmpeg's decoder and rgb24/rgba conversion give, because starting
/// ffmpeg costs about ten times the decode itself. Whatever it does not handle exactly, including
/// every damaged file, it declines (null), and the caller decodes through ffmpeg as before, so
/// damage is judged and reported by one decoder only.
/// </summary>
internal static class PngDecoder
{
    private const int PaletteBytes = 256 * 4;
    private const long MaxDeflateRatio = 1032;

    /// <returns>The image in <paramref name="format"/>, or null when ffmpeg must decode this file.</returns>
    public static ImageBuffer? TryDecode(ReadOnlyMemory<byte> file, PixelFormat format)
    {
        if (PngLayout.TryRead(file.Span) is not { } layout || layout.Header.RowBytes is not { } rowBytes) return null;
        PngImageHeader header = layout.Header;
        // As ffmpeg's path: RGBA for four-byte formats, RGB for the others, then our own conversion.
        bool alpha = format.BytesPerPixel() == 4;
        PixelFormat decodedFormat = alpha ? PixelFormat.Rgba32 : PixelFormat.Rgb24;
        // Beyond what one array holds (the image, or the two filter rows side by side): ffmpeg's.
        if ((long)header.Width * header.Height * (alpha ? 4 : 3) > Array.MaxLength || 2 * (rowBytes + 1L) > Array.MaxLength) return null;
        // Deflate expands at most about 1032-fold: a file too small for its declared size is
        // truncated, so no image buffer is allocated for it.
        if ((rowBytes + 1L) * header.Height > layout.IdatBytes * MaxDeflateRatio) return null;
        ImageBuffer? decoded = Unfilter(file, layout, rowBytes, decodedFormat);
        if (decoded is null || decodedFormat == format) return decoded;
        using (decoded)
        {
            var converted = new ImageBuffer(decoded.Width, decoded.Height, format);
            converted.CopyFrom(decoded.View);
            return converted;
        }
    }

    private static ImageBuffer? Unfilter(ReadOnlyMemory<byte> file, PngLayout layout, int rowBytes, PixelFormat decodedFormat)
    {
        PngImageHeader header = layout.Header;
        bool alpha = decodedFormat == PixelFormat.Rgba32;
        byte[] rows = ArrayPool<byte>.Shared.Rent(2 * (rowBytes + 1));
        var image = new ImageBuffer(header.Width, header.Height, decodedFormat);
        bool complete = false;
        try
        {
            Span<byte> paletteRgba = stackalloc byte[PaletteBytes];
            ReadOnlySpan<byte> bytes = file.Span;
            var expander = new PngRowExpander(header.ColorType, bytes[layout.Palette], bytes[layout.Transparency], paletteRgba);
            Span<byte> current = rows.AsSpan(0, rowBytes + 1), above = rows.AsSpan(rowBytes + 1, rowBytes + 1);
            above.Clear();
            using var idat = new PngIdatStream(file, layout.FirstIdat);
            using var inflater = new ZLibStream(idat, CompressionMode.Decompress);
            for (int y = 0; y < header.Height; y++)
            {
                inflater.ReadExactly(current);
                Span<byte> row = current[1..];
                if (!PngRowFilter.TryUnfilter(current[0], row, above[1..], header.BytesPerPixel)) return null;
                if (!expander.TryExpand(row, image.Row(y), alpha)) return null;
                Span<byte> swap = current;
                current = above;
                above = swap;
            }
            // More image data than rows, or a stream that does not end cleanly: ffmpeg's call.
            Span<byte> probe = rows.AsSpan(0, 1);
            if (inflater.Read(probe) != 0) return null;
            complete = true;
            return image;
        }
        catch (InvalidDataException)
        {
            return null;
        }
        catch (IOException)
        {
            // The stream ended early (EndOfStreamException), or zlib refused the data (ZLibException).
            return null;
        }
        finally
        {
            if (!complete) image.Dispose();
            ArrayPool<byte>.Shared.Return(rows);
        }
    }
}
