using System.Globalization;

namespace FaceMesh.Media.Ffmpeg;

/// <summary>
/// What ffmpeg and ffprobe may open on our behalf. ffmpeg picks a demuxer from a file's content,
/// and some demuxers read other files or URLs named inside the input (HLS and DASH playlists,
/// concat lists, image sequences): an upload disguised as a photo could make us read and copy
/// any local file. So only the local-file protocol is allowed (or stdin for bytes held in memory), still images are opened with the
/// demuxer their magic bytes name, and videos only with self-contained container demuxers.
/// Decoders also get a pixel limit, so a frame larger than allowed is refused before allocation.
/// </summary>
internal static class InputPolicy
{
    /// <summary>We only ever pass <c>file:</c> URLs to probes; nested opens inherit this list.</summary>
    public const string Protocols = "file";

    /// <summary>
    /// Self-contained containers and elementary streams, plus the single-image demuxers (so a
    /// still opened as a one-frame video works). Excludes hls, dash, concat, image2 (file patterns),
    /// and every demuxer that follows references to other files.
    /// </summary>
    public const string VideoDemuxers =
        "mov,matroska,webm,avi,mpegts,mpeg,ogg,asf,flv,nut,ivf,m4v,h264,hevc,mjpeg,yuv4mpegpipe,gif," +
        "jpeg_pipe,png_pipe,webp_pipe,bmp_pipe,tiff_pipe,pgm_pipe,ppm_pipe,pbm_pipe,pam_pipe";

    /// <summary>Largest pixel count an <c>ImageBuffer</c> of 4 bytes per pixel can hold.</summary>
    public const double MaxMegapixelsCeiling = 500;

    public const double DefaultMaxMegapixels = 50;

    /// <summary>
    /// Input options for opening <paramref name="input"/> with exactly <paramref name="demuxer"/>,
    /// through its one protocol (<c>file</c>, or <c>pipe</c> for bytes from memory).
    /// </summary>
    public static string[] Open(EncodedInput input, string demuxer, long maxPixels)
    {
        (string url, string protocol) = input.FfmpegSource;
        return
        [
            "-protocol_whitelist", protocol, "-format_whitelist", demuxer, "-f", demuxer,
            "-max_pixels", DecoderLimit(maxPixels), "-i", url,
        ];
    }

    /// <summary>ffprobe options: the demuxer is forced when known, else probed within the allowlist.</summary>
    public static string[] Probe(string path, string? demuxer, long maxPixels) =>
    [
        "-protocol_whitelist", Protocols, "-format_whitelist", demuxer ?? VideoDemuxers,
        .. demuxer is null ? (string[])[] : ["-f", demuxer],
        "-max_pixels", DecoderLimit(maxPixels), FfmpegArgs.FileUrl(path),
    ];

    /// <summary>
    /// ffmpeg's backstop for sizes we could not read ourselves. Some decoders check their padded
    /// frame (a 10000-pixel row counts as 10048), so they get an eighth more room than the limit,
    /// which we enforce exactly on the declared and the decoded size.
    /// </summary>
    private static string DecoderLimit(long maxPixels) =>
        Math.Min(int.MaxValue, maxPixels + maxPixels / 8).ToString(CultureInfo.InvariantCulture);

    /// <summary>The demuxer name to force from ffprobe's format_name ("mov,mp4,m4a,..." gives "mov").</summary>
    public static string DemuxerOf(string formatName)
    {
        int comma = formatName.IndexOf(',', StringComparison.Ordinal);
        return comma < 0 ? formatName : formatName[..comma];
    }

    /// <summary>Validates a megapixel limit and turns it into a pixel count.</summary>
    public static long MaxPixels(double megapixels)
    {
        if (!(megapixels > 0 && megapixels <= MaxMegapixelsCeiling))
            throw new ArgumentOutOfRangeException(nameof(megapixels), megapixels,
                $"The megapixel limit must be above 0 and at most {MaxMegapixelsCeiling}.");
        return (long)(megapixels * 1_000_000);
    }

    public static string TooLarge(string kind, string path, long width, long height, double maxMegapixels) =>
        $"Cannot read {kind} '{path}': it declares {width}x{height} pixels ({width * (double)height / 1e6:0.#} MP), " +
        $"more than the {maxMegapixels:0.###} MP limit (raise it with MaxMegapixels or --max-megapixels)";
}
