using FaceMesh.Imaging;
using FaceMesh.Media.Ffmpeg;
using FaceMesh.Media.Jpeg;

namespace FaceMesh.Media;

public static partial class ImageFile
{
    /// <summary>
    /// Decodes an encoded image held in memory (an upload, a message), with the same decoders and
    /// so the same pixels as <see cref="ReadAsync(string, PixelFormat, CancellationToken)"/> gives for
    /// the same bytes in a file. The bytes go to the decoder through a pipe: nothing touches the disk.
    /// </summary>
    /// <param name="name">Names the image in error messages.</param>
    public static async Task<ImageBuffer> DecodeAsync(ReadOnlyMemory<byte> encoded, string name, PixelFormat format = PixelFormat.Rgb24,
        CancellationToken cancellationToken = default)
    {
        if (encoded.IsEmpty) throw new MediaException($"Cannot read image '{name}': it is empty");
        if (LibjpegTurboDecoder.LooksLikeJpeg(encoded.Span) && LibjpegTurboDecoder.IsAvailable
            && await LibjpegTurboDecoder.TryDecodeAsync(encoded, format, cancellationToken).ConfigureAwait(false) is { } jpeg)
            return jpeg;
        bool alpha = format.BytesPerPixel() == 4;
        string[] arguments =
        [
            .. FfmpegArgs.QuietErrors, "-i", "pipe:0", "-map", "0:v:0", "-frames:v", "1",
            "-f", "image2pipe", "-c:v", "pam", "-pix_fmt", alpha ? "rgba" : "rgb24", "-",
        ];
        var errors = new ErrorLog();
        await using var ffmpeg = FfmpegProcess.Start(ToolLocator.Ffmpeg, arguments, errors, keepStdinOpen: true);
        using (cancellationToken.Register(ffmpeg.Kill))
        {
            Task feeding = ffmpeg.FeedStdinAsync(encoded, cancellationToken);
            ImageBuffer? image = null;
            try
            {
                image = await DecodePamAsync(ffmpeg.Stdout, format, cancellationToken).ConfigureAwait(false);
                await ffmpeg.Stdout.CopyToAsync(Stream.Null, cancellationToken).ConfigureAwait(false);
                await feeding.ConfigureAwait(false);
                int exitCode = await ffmpeg.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
                if (exitCode != 0 || image is null)
                {
                    string reason = errors.FirstError
                        ?? (image is null ? "not an image ffmpeg can read" : $"ffmpeg exited with code {exitCode}");
                    throw new MediaException($"Cannot read image '{name}': {reason}");
                }
                ImageBuffer result = image;
                image = null;
                return result;
            }
            catch (MediaException e) when (image is null && errors.FirstError is { } first && !e.Message.Contains(first, StringComparison.Ordinal))
            {
                throw new MediaException($"Cannot read image '{name}': {first}", e);
            }
            finally
            {
                image?.Dispose();
            }
        }
    }
}
