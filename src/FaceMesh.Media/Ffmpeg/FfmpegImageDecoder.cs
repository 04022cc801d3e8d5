using FaceMesh.Imaging;

namespace FaceMesh.Media.Ffmpeg;

/// <summary>
/// Decodes one image (or a video's first frame) through ffmpeg to PAM, opened under the
/// <see cref="InputPolicy"/> with the demuxer the caller has already chosen.
/// </summary>
internal static class FfmpegImageDecoder
{
    /// <param name="autorotate">False for stills: EXIF orientation is applied by us, in one place,
    /// whatever the installed ffmpeg version does with it. True for a video's first frame, which
    /// should come out as <see cref="VideoReader"/> shows it.</param>
    public static async Task<(ImageBuffer Image, IReadOnlyList<string> Warnings)> DecodeAsync(
        EncodedInput input, string demuxer, int videoOrdinal, long maxPixels, bool autorotate, PixelFormat format,
        CancellationToken cancellationToken)
    {
        bool alpha = format.BytesPerPixel() == 4;
        string[] arguments =
        [
            "-hide_banner", "-nostdin", "-nostats", "-loglevel", "repeat+level+warning",
            .. autorotate ? (string[])[] : ["-noautorotate"],
            .. InputPolicy.Open(input, demuxer, maxPixels), "-map", $"0:v:{videoOrdinal}", "-frames:v", "1",
            "-f", "image2pipe", "-c:v", "pam", "-pix_fmt", alpha ? "rgba" : "rgb24", "-",
        ];
        var log = new DecodeLog();
        await using var ffmpeg = input.Start(ToolLocator.Ffmpeg, arguments, log, cancellationToken);
        using (cancellationToken.Register(ffmpeg.Kill))
        {
            ImageBuffer? image = null;
            try
            {
                image = await DecodePamAsync(ffmpeg.Stdout, format, maxPixels, cancellationToken).ConfigureAwait(false);
                await ffmpeg.Stdout.CopyToAsync(Stream.Null, cancellationToken).ConfigureAwait(false);
                int exitCode = await ffmpeg.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
                if (exitCode != 0 || image is null)
                {
                    string reason = log.First ?? (image is null ? "ffmpeg produced no image" : $"ffmpeg exited with code {exitCode}");
                    throw new MediaException($"Cannot read image '{input.Name}': {reason}");
                }
                ImageBuffer result = image;
                image = null;
                return (result, log.Lines);
            }
            catch (MediaException e) when (image is null && log.First is { } first && !e.Message.Contains(first, StringComparison.Ordinal))
            {
                // A malformed pipe output is a symptom; ffmpeg's own complaint is the cause.
                throw new MediaException($"Cannot read image '{input.Name}': {first}", e);
            }
            finally
            {
                image?.Dispose();
            }
        }
    }

    private static async Task<ImageBuffer?> DecodePamAsync(Stream stdout, PixelFormat format, long maxPixels, CancellationToken cancellationToken)
    {
        PamHeader? header = await PamHeader.ReadAsync(stdout, cancellationToken).ConfigureAwait(false);
        if (header is not { } pam) return null;
        if ((long)pam.Width * pam.Height > maxPixels)
            throw new MediaException($"ffmpeg decoded a {pam.Width}x{pam.Height} image, more than the pixel limit");
        var decodedFormat = pam.Depth == 4 ? PixelFormat.Rgba32 : PixelFormat.Rgb24;
        var image = new ImageBuffer(pam.Width, pam.Height, format);
        try
        {
            if (decodedFormat == format)
            {
                await ReadExactlyAsync(stdout, image.Memory, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                using var decoded = new ImageBuffer(pam.Width, pam.Height, decodedFormat);
                await ReadExactlyAsync(stdout, decoded.Memory, cancellationToken).ConfigureAwait(false);
                image.CopyFrom(decoded.View);
            }
            return image;
        }
        catch
        {
            image.Dispose();
            throw;
        }
    }

    private static async Task ReadExactlyAsync(Stream stream, Memory<byte> target, CancellationToken cancellationToken)
    {
        int read = await stream.ReadAtLeastAsync(target, target.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        if (read < target.Length)
            throw new MediaException($"ffmpeg's image output ended after {read} of {target.Length} pixel bytes");
    }
}
