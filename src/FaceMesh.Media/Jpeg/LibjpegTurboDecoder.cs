using System.Buffers;
using FaceMesh.Imaging;
using FaceMesh.Media.Ffmpeg;
using FaceMesh.Media.Sniffing;

namespace FaceMesh.Media.Jpeg;

/// <summary>
/// Decodes JPEG files with libjpeg-turbo's <c>djpeg</c>, the decoder whose pixels MediaPipe's
/// builds see (OpenCV in Python/C++, Chromium in JS); ffmpeg's differs by up to 74 levels at
/// colour edges. djpeg's exit code 2 means "decoded, with warnings" (truncated or corrupt data):
/// that is a damaged image, reported as such, never a reason to try another decoder.
/// </summary>
internal static class LibjpegTurboDecoder
{
    private const string Djpeg = "djpeg";
    private const int DjpegWarningExit = 2;
    private const int MaxHeaderBytes = 512;

    public static bool IsAvailable => ToolLocator.Find(Djpeg, Environment.GetEnvironmentVariable("PATH")) is not null;

    /// <summary>
    /// Decodes a file, or bytes from memory through stdin, into a buffer of the declared size,
    /// streaming rows (no copy of the whole output).
    /// </summary>
    /// <returns>The image and djpeg's warnings.</returns>
    public static async Task<(ImageBuffer Image, IReadOnlyList<string> Warnings)> DecodeAsync(
        EncodedInput input, ImageHeader declared, PixelFormat format, CancellationToken cancellationToken)
    {
        if (!IsAvailable)
            throw new MediaException(
                $"Cannot read image '{input.Name}': djpeg (libjpeg-turbo) is not installed, so JPEGs cannot be decoded to MediaPipe's pixels; " +
                "install it (Debian: apt-get install libjpeg-turbo-progs) or choose ffmpeg's decoder (JpegDecoder.Ffmpeg, --jpeg-decoder ffmpeg)");
        var log = new DecodeLog();
        await using var djpeg = input.Start(Djpeg, ["-pnm", .. input.DjpegArguments], log, cancellationToken);
        using (cancellationToken.Register(djpeg.Kill))
        {
            ImageBuffer? image = null;
            try
            {
                PnmHeader? header = await ReadHeaderAsync(djpeg.Stdout, cancellationToken).ConfigureAwait(false);
                if (header is { } h)
                {
                    if (!PnmImage.IsSupported(h) || h.Width != declared.Width || h.Height != declared.Height)
                        throw new MediaException($"Cannot read image '{input.Name}': djpeg wrote an unexpected {h.Width}x{h.Height} P{h.Kind} image");
                    image = new ImageBuffer(h.Width, h.Height, format);
                    await ReadRowsAsync(djpeg.Stdout, h, image, cancellationToken).ConfigureAwait(false);
                }
                await djpeg.Stdout.CopyToAsync(Stream.Null, cancellationToken).ConfigureAwait(false);
                int exitCode = await djpeg.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
                if ((exitCode != 0 && exitCode != DjpegWarningExit) || image is null)
                    throw new MediaException($"Cannot read image '{input.Name}': {log.First ?? $"djpeg exited with code {exitCode}"}");
                ImageBuffer result = image;
                image = null;
                return (result, log.Lines);
            }
            catch (EndOfStreamException)
            {
                await djpeg.TryWaitForExitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
                throw new MediaException($"Cannot read image '{input.Name}': {log.First ?? "djpeg's output ended early"}");
            }
            finally
            {
                image?.Dispose();
            }
        }
    }

    /// <summary>Byte by byte (it is tiny), so the stream is left at the first sample.</summary>
    private static async Task<PnmHeader?> ReadHeaderAsync(Stream stream, CancellationToken cancellationToken)
    {
        byte[] header = new byte[MaxHeaderBytes];
        int length = 0;
        while (length < header.Length)
        {
            int read = await stream.ReadAsync(header.AsMemory(length, 1), cancellationToken).ConfigureAwait(false);
            if (read == 0) return null;
            length++;
            if (PnmHeader.TryParse(header.AsSpan(0, length), out bool needMore) is { } parsed) return parsed;
            if (!needMore) return null;
        }
        return null;
    }

    private static async Task ReadRowsAsync(Stream stream, PnmHeader header, ImageBuffer image, CancellationToken cancellationToken)
    {
        int rowBytes = header.Width * header.Depth;
        byte[] row = ArrayPool<byte>.Shared.Rent(rowBytes);
        try
        {
            for (int y = 0; y < header.Height; y++)
            {
                await stream.ReadExactlyAsync(row.AsMemory(0, rowBytes), cancellationToken).ConfigureAwait(false);
                PnmImage.ConvertRow(row.AsSpan(0, rowBytes), header.Depth, image.Row(y), image.Format);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(row);
        }
    }
}
