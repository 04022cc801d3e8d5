using FaceMesh.Imaging;
using FaceMesh.Media.Ffmpeg;

namespace FaceMesh.Media.Jpeg;

/// <summary>
/// Decodes JPEG files with libjpeg-turbo's <c>djpeg</c> when it is installed. MediaPipe's builds
/// decode JPEG with libjpeg-turbo (OpenCV in Python/C++, Chromium in JS) and their landmarks
/// depend on those exact pixels; ffmpeg's own JPEG decoder differs by up to 74 levels at colour
/// edges. When djpeg is absent or refuses a file (e.g. CMYK), the caller falls back to ffmpeg.
/// </summary>
internal static class LibjpegTurboDecoder
{
    private const string Djpeg = "djpeg";

    public static bool IsAvailable => ToolLocator.Find(Djpeg, Environment.GetEnvironmentVariable("PATH")) is not null;

    public static bool LooksLikeJpeg(string path)
    {
        Span<byte> magic = stackalloc byte[3];
        using FileStream file = File.OpenRead(path);
        return file.ReadAtLeast(magic, 3, throwOnEndOfStream: false) == 3 && magic[0] == 0xFF && magic[1] == 0xD8 && magic[2] == 0xFF;
    }

    public static bool LooksLikeJpeg(ReadOnlySpan<byte> encoded) =>
        encoded.Length >= 3 && encoded[0] == 0xFF && encoded[1] == 0xD8 && encoded[2] == 0xFF;

    /// <summary>Decodes an in-memory JPEG piped through djpeg's standard input.</summary>
    /// <returns>The image, or null when djpeg could not decode it.</returns>
    public static async Task<ImageBuffer?> TryDecodeAsync(ReadOnlyMemory<byte> encoded, PixelFormat format, CancellationToken cancellationToken)
    {
        var errors = new ErrorLog();
        await using var djpeg = FfmpegProcess.Start(Djpeg, ["-pnm"], errors, keepStdinOpen: true);
        using (cancellationToken.Register(djpeg.Kill))
        {
            Task feeding = djpeg.FeedStdinAsync(encoded, cancellationToken);
            using var output = new MemoryStream();
            await djpeg.Stdout.CopyToAsync(output, cancellationToken).ConfigureAwait(false);
            await feeding.ConfigureAwait(false);
            int exitCode = await djpeg.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            if (exitCode != 0) return null;
            return PnmImage.TryDecode(output.GetBuffer().AsSpan(0, (int)output.Length), format);
        }
    }

    /// <returns>The image, or null when djpeg could not decode the file.</returns>
    public static async Task<ImageBuffer?> TryDecodeAsync(string path, PixelFormat format, CancellationToken cancellationToken)
    {
        var errors = new ErrorLog();
        await using var djpeg = FfmpegProcess.Start(Djpeg, ["-pnm", path], errors, keepStdinOpen: false);
        using (cancellationToken.Register(djpeg.Kill))
        {
            using var output = new MemoryStream();
            await djpeg.Stdout.CopyToAsync(output, cancellationToken).ConfigureAwait(false);
            int exitCode = await djpeg.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            if (exitCode != 0) return null;
            return PnmImage.TryDecode(output.GetBuffer().AsSpan(0, (int)output.Length), format);
        }
    }
}
