using FaceMesh.Imaging;
using FaceMesh.Media.Ffmpeg;
using FaceMesh.Media.Jpeg;
using FaceMesh.Media.Png;
using FaceMesh.Media.Sniffing;

namespace FaceMesh.Media;

/// <summary>
/// Still images: JPEG, PNG, WebP, BMP, TIFF, GIF (first frame) and Netpbm, recognised by their
/// magic bytes, plus the first frame of a video in a supported container; decoded to and encoded
/// from our pixel buffers through ffmpeg pipes. JPEGs are decoded with libjpeg-turbo's djpeg by
/// default, giving the exact pixels MediaPipe's own builds see (see <see cref="JpegDecoder"/>).
/// Common 8-bit PNGs are decoded in process to the bytes ffmpeg would give (starting ffmpeg cost
/// ten times the decode); other and damaged PNGs go to ffmpeg as before.
/// Nothing is decoded before the declared size is checked against
/// <see cref="ImageReadOptions.MaxMegapixels"/>; playlists and other files that name further
/// files are refused. Images held in memory decode through the same path, piped to the decoder.
/// </summary>
public static partial class ImageFile
{
    /// <summary>
    /// Reads an image with the default options, as <see cref="ReadAsync(string, PixelFormat, CancellationToken)"/>.
    /// </summary>
    public static ImageBuffer Read(string path, PixelFormat format = PixelFormat.Rgb24) =>
        ReadAsync(path, format).GetAwaiter().GetResult();

    /// <summary>
    /// Reads an image with the default options. There is no way to return the decoder's warnings
    /// here, so a damaged file (truncated, corrupt data) throws <see cref="MediaException"/>; use
    /// <see cref="ReadAsync(string, ImageReadOptions, CancellationToken)"/> to accept it with warnings.
    /// </summary>
    public static async Task<ImageBuffer> ReadAsync(string path, PixelFormat format = PixelFormat.Rgb24,
        CancellationToken cancellationToken = default)
    {
        using ImageReadResult result = await ReadAsync(path, new ImageReadOptions { Format = format, Strict = true }, cancellationToken)
            .ConfigureAwait(false);
        return result.DetachImage();
    }

    public static ImageReadResult Read(string path, ImageReadOptions options) =>
        ReadAsync(path, options).GetAwaiter().GetResult();

    /// <summary>
    /// Reads an image, reporting damage as <see cref="ImageReadResult.Warnings"/> (or throwing when
    /// <see cref="ImageReadOptions.Strict"/>). Throws <see cref="MediaException"/> for a missing,
    /// unsupported, oversized or undecodable file, naming it.
    /// </summary>
    public static async Task<ImageReadResult> ReadAsync(string path, ImageReadOptions options,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        long maxPixels = Validate(options);
        if (!File.Exists(path)) throw new MediaException($"Image file not found: {path}", new FileNotFoundException(null, path));
        HeaderParse parse = await ImageHeaderReader.ReadAsync(path, cancellationToken).ConfigureAwait(false);
        return await DecodeAsync(EncodedInput.FromFile(path), parse, options, maxPixels, cancellationToken).ConfigureAwait(false);
    }

    /// <returns>The pixel limit.</returns>
    private static long Validate(ImageReadOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _ = options.Format.BytesPerPixel(); // rejects undefined enum values before any process starts
        return InputPolicy.MaxPixels(options.MaxMegapixels);
    }

    /// <summary>The one decode path for files and memory: size check, decoder choice, EXIF, strictness.</summary>
    private static async Task<ImageReadResult> DecodeAsync(
        EncodedInput input, HeaderParse parse, ImageReadOptions options, long maxPixels, CancellationToken cancellationToken)
    {
        var (image, warnings) = parse.Status switch
        {
            HeaderStatus.Recognised => await DecodeStillAsync(input, parse.Header, options, maxPixels, cancellationToken).ConfigureAwait(false),
            HeaderStatus.Unrecognised when input.FullPath is not null =>
                await DecodeFirstVideoFrameAsync(input.Name, options, maxPixels, cancellationToken).ConfigureAwait(false),
            // Probing bytes for a container would hand ffmpeg's whole demuxer zoo a stream we know nothing about.
            HeaderStatus.Unrecognised => throw new MediaException(
                $"Cannot read image '{input.Name}': not a supported still image (JPEG, PNG, WebP, BMP, TIFF, GIF, PPM/PGM/PAM); " +
                "videos and playlists are not accepted from memory"),
            _ => throw new MediaException($"Cannot read image '{input.Name}': {parse.Problem}"),
        };
        if (options.Strict && warnings.Count > 0)
        {
            image.Dispose();
            throw new ImageDamagedException($"Cannot read image '{input.Name}': damaged data ({warnings[0]})", warnings);
        }
        return new ImageReadResult(image, warnings);
    }

    private static async Task<(ImageBuffer, IReadOnlyList<string>)> DecodeStillAsync(
        EncodedInput input, ImageHeader header, ImageReadOptions options, long maxPixels, CancellationToken cancellationToken)
    {
        if (header.Exceeds(maxPixels))
            throw new MediaException(InputPolicy.TooLarge("image", input.Name, header.Width, header.Height, options.MaxMegapixels));
        bool djpeg = header.Container == ImageContainer.Jpeg && options.JpegDecoder == JpegDecoder.LibjpegTurbo
            && header.Components != 4; // djpeg cannot turn CMYK/YCCK into RGB
        ImageBuffer? inProcess = header.Container == ImageContainer.Png
            ? await PngInputDecoder.TryDecodeAsync(input, options.Format, cancellationToken).ConfigureAwait(false)
            : null;
        var (stored, warnings) = inProcess is not null ? (inProcess, [])
            : djpeg ? await LibjpegTurboDecoder.DecodeAsync(input, header, options.Format, cancellationToken).ConfigureAwait(false)
            : await FfmpegImageDecoder.DecodeAsync(input, header.Demuxer, 0, maxPixels, autorotate: false, options.Format, cancellationToken)
                .ConfigureAwait(false);
        if (!options.ApplyExifOrientation || header.Orientation == ExifOrientation.Upright) return (stored, warnings);
        using (stored)
            return (ExifRotation.Apply(stored, header.Orientation), warnings);
    }

    /// <summary>No image signature: only a video container from the allowlist is opened, and its declared size checked first.</summary>
    private static async Task<(ImageBuffer, IReadOnlyList<string>)> DecodeFirstVideoFrameAsync(
        string path, ImageReadOptions options, long maxPixels, CancellationToken cancellationToken)
    {
        (VideoInfo info, int ordinal, string demuxer) = await VideoProbe.ProbeAsync(path, "image", maxPixels, cancellationToken).ConfigureAwait(false);
        if ((long)info.Width * info.Height > maxPixels)
            throw new MediaException(InputPolicy.TooLarge("image", path, info.Width, info.Height, options.MaxMegapixels));
        return await FfmpegImageDecoder.DecodeAsync(EncodedInput.FromFile(path), demuxer, ordinal, maxPixels, autorotate: true, options.Format, cancellationToken)
            .ConfigureAwait(false);
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
}
