using FaceMesh.Imaging;
using FaceMesh.Media.Ffmpeg;
using FaceMesh.Media.Jpeg;

namespace FaceMesh.Media;

/// <summary>
/// Still images in any format ffmpeg can read (png, jpg, bmp, tiff, webp, the first frame of a
/// gif or video ...), decoded to and encoded from our pixel buffers through ffmpeg pipes.
/// JPEGs are decoded with libjpeg-turbo's djpeg when it is installed, giving the exact pixels
/// MediaPipe's own builds see (see <see cref="Jpeg.LibjpegTurboDecoder"/>).
/// </summary>
public static partial class ImageFile
{
    public static ImageBuffer Read(string path, PixelFormat format = PixelFormat.Rgb24) =>
        ReadAsync(path, format).GetAwaiter().GetResult();

    public static async Task<ImageBuffer> ReadAsync(string path, PixelFormat format = PixelFormat.Rgb24,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path)) throw new MediaException($"Image file not found: {path}", new FileNotFoundException(null, path));
        if (LibjpegTurboDecoder.LooksLikeJpeg(path) && LibjpegTurboDecoder.IsAvailable
            && await LibjpegTurboDecoder.TryDecodeAsync(path, format, cancellationToken).ConfigureAwait(false) is { } jpeg)
            return jpeg;
        return await DecodeWithFfmpegAsync(FfmpegArgs.FileUrl(path), ReadOnlyMemory<byte>.Empty, path, format, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs ffmpeg on <paramref name="input"/> (a file URL, or pipe:0 fed <paramref name="stdin"/>) for its first frame as PAM.</summary>
    private static async Task<ImageBuffer> DecodeWithFfmpegAsync(string input, ReadOnlyMemory<byte> stdin, string name, PixelFormat format,
        CancellationToken cancellationToken)
    {
        bool alpha = format.BytesPerPixel() == 4;
        string[] arguments =
        [
            .. FfmpegArgs.QuietErrors, "-i", input, "-map", "0:v:0", "-frames:v", "1",
            "-f", "image2pipe", "-c:v", "pam", "-pix_fmt", alpha ? "rgba" : "rgb24", "-",
        ];
        var errors = new ErrorLog();
        bool piped = input == "pipe:0";
        await using var ffmpeg = FfmpegProcess.Start(ToolLocator.Ffmpeg, arguments, errors, keepStdinOpen: piped);
        using (cancellationToken.Register(ffmpeg.Kill))
        {
            Task feeding = piped ? ffmpeg.FeedStdinAsync(stdin, cancellationToken) : Task.CompletedTask;
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
                        ?? (image is null ? "ffmpeg produced no image" : $"ffmpeg exited with code {exitCode}");
                    throw new MediaException($"Cannot read image '{name}': {reason}");
                }
                ImageBuffer result = image;
                image = null;
                return result;
            }
            catch (MediaException e) when (image is null && errors.FirstError is { } first && !e.Message.Contains(first, StringComparison.Ordinal))
            {
                // A malformed pipe output is a symptom; ffmpeg's own complaint is the cause.
                throw new MediaException($"Cannot read image '{name}': {first}", e);
            }
            finally
            {
                image?.Dispose();
            }
        }
    }

    public static void Write(ImageView image, string path) =>
        WriteAsync(image, path).GetAwaiter().GetResult();

    /// <summary>
    /// Encodes by file extension. The file is written under a temporary name and moved into place,
    /// so a failure never leaves a truncated image behind.
    /// </summary>
    public static async Task WriteAsync(ImageView image, string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        IReadOnlyList<string> codecArguments = ImageCodecs.ForPath(path);
        string fullPath = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(fullPath) ?? ".";
        if (!Directory.Exists(directory)) throw new MediaException($"Output directory does not exist: {directory}");
        string temporary = Path.Combine(directory, $".{Path.GetFileNameWithoutExtension(fullPath)}.{Guid.NewGuid():N}{Path.GetExtension(fullPath)}");
        string[] arguments =
        [
            .. FfmpegArgs.QuietErrors, "-y",
            "-f", "rawvideo", "-pix_fmt", FfmpegPixelFormats.Name(image.Format),
            "-video_size", $"{image.Width}x{image.Height}", "-i", "pipe:0",
            .. codecArguments, "-frames:v", "1", "-f", "image2", "-update", "1", FfmpegArgs.FileUrl(temporary),
        ];
        var errors = new ErrorLog();
        try
        {
            await using (var ffmpeg = FfmpegProcess.Start(ToolLocator.Ffmpeg, arguments, errors, keepStdinOpen: true))
            using (cancellationToken.Register(ffmpeg.Kill))
            {
                try
                {
                    await RawFrameWriter.WriteAsync(ffmpeg.Stdin, image, cancellationToken).ConfigureAwait(false);
                }
                catch (IOException)
                {
                    // ffmpeg quit early and closed the pipe; its exit code and stderr explain why.
                }
                ffmpeg.CloseStdin();
                int exitCode = await ffmpeg.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
                if (exitCode != 0)
                    throw new MediaException($"Cannot write image '{path}': {errors.FirstError ?? $"ffmpeg exited with code {exitCode}"}");
            }
            var written = new FileInfo(temporary);
            if (!written.Exists || written.Length == 0)
                throw new MediaException($"Cannot write image '{path}': ffmpeg produced an empty file");
            File.Move(temporary, fullPath, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }

    private static async Task<ImageBuffer?> DecodePamAsync(Stream stdout, PixelFormat format, CancellationToken cancellationToken)
    {
        PamHeader? header = await PamHeader.ReadAsync(stdout, cancellationToken).ConfigureAwait(false);
        if (header is not { } pam) return null;
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
