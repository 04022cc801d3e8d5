using System.Globalization;
using FaceMesh.Media.Files;

namespace FaceMesh.Media.Ffmpeg;

/// <summary>
/// Joins a finished video-only encode with a source file's audio, stream-copied when the output
/// container accepts the codec (otherwise AAC), cut at the video's end: a cancelled encode never
/// carries the source's full-length audio, and no video frame is ever cut for audio that ends first.
/// </summary>
internal sealed class AudioMuxing(OutputFile videoOnly, string audioSource, string audioCodec) : IDisposable
{
    /// <param name="videoStart">The first frame's time. ffmpeg moves each input to start at zero;
    /// this puts the video back where it was, while the audio's shift is the same one the
    /// decoder gave the frames' times (both from the source file's start).</param>
    /// <param name="duration">Where the video ends, from time zero.</param>
    public async Task JoinAsync(string target, string displayPath, TimeSpan videoStart, TimeSpan duration, CancellationToken cancellationToken)
    {
        string[] arguments =
        [
            .. FfmpegArgs.QuietErrors, "-y", "-itsoffset", Seconds(videoStart), "-i", FfmpegArgs.FileUrl(videoOnly.WritePath),
            "-i", FfmpegArgs.FileUrl(audioSource),
            "-map", "0:v:0", "-map", "1:a?", "-c:v", "copy",
            .. CanCopy(audioCodec, displayPath) ? ["-c:a", "copy"] : (string[])["-c:a", "aac", "-b:a", "192k"],
            "-t", Seconds(duration),
            .. ContainerFlags(displayPath), FfmpegArgs.FileUrl(target),
        ];
        var errors = new ErrorLog();
        await using var ffmpeg = FfmpegProcess.Start(ToolLocator.Ffmpeg, arguments, errors, keepStdinOpen: false, ownSession: true);
        int exitCode;
        using (cancellationToken.Register(ffmpeg.Kill))
            exitCode = await ffmpeg.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (exitCode != 0)
            throw new MediaException($"Cannot write video '{displayPath}': adding the audio failed: {errors.FirstError ?? $"ffmpeg exited with code {exitCode}"}");
    }

    /// <returns>False when joining failed or took longer than <paramref name="timeout"/>.</returns>
    public async Task<bool> TryJoinAsync(string target, string displayPath, TimeSpan videoStart, TimeSpan duration, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await JoinAsync(target, displayPath, videoStart, duration, cts.Token).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is MediaException or OperationCanceledException)
        {
            return false;
        }
    }

    public void Dispose() => videoOnly.Dispose();

    private static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.######", CultureInfo.InvariantCulture);

    /// <summary>Index at the front for MP4-family files, so they play while still downloading.</summary>
    public static string[] ContainerFlags(string outputPath) =>
        Path.GetExtension(outputPath).ToLowerInvariant() is ".mp4" or ".m4v" or ".mov" ? ["-movflags", "+faststart"] : [];

    public static bool CanCopy(string audioCodec, string outputPath)
    {
        string extension = Path.GetExtension(outputPath).ToLowerInvariant();
        return extension switch
        {
            ".mp4" or ".m4v" => audioCodec is "aac" or "mp3" or "ac3" or "eac3" or "alac" or "opus",
            ".mov" => audioCodec is "aac" or "mp3" or "ac3" or "eac3" or "alac" || audioCodec.StartsWith("pcm_", StringComparison.Ordinal),
            ".webm" => audioCodec is "opus" or "vorbis",
            ".avi" => audioCodec is "mp3" or "ac3" || audioCodec.StartsWith("pcm_", StringComparison.Ordinal),
            _ => true, // Matroska and unknown containers: let ffmpeg try
        };
    }
}
