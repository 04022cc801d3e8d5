using System.Text.Json;

namespace FaceMesh.Media.Ffmpeg;

/// <summary>Runs ffprobe with JSON output, under the <see cref="InputPolicy"/>, and parses it.</summary>
internal static class ProbeRunner
{
    /// <param name="kind">What the file should be ("video", "audio source") for the error message.</param>
    /// <param name="demuxer">The demuxer to force (known from the magic bytes), or null to probe
    /// within <see cref="InputPolicy.VideoDemuxers"/>.</param>
    public static async Task<JsonDocument> ProbeAsync(string path, string kind, CancellationToken cancellationToken,
        string? demuxer = null, long maxPixels = (long)(InputPolicy.DefaultMaxMegapixels * 1_000_000))
    {
        string[] arguments =
            ["-hide_banner", "-loglevel", "repeat+level+error", "-print_format", "json", "-show_streams", "-show_format",
             .. InputPolicy.Probe(path, demuxer, maxPixels)];
        var errors = new ErrorLog();
        await using var probe = FfmpegProcess.Start(ToolLocator.Ffprobe, arguments, errors, keepStdinOpen: false);
        using var output = new MemoryStream();
        using (cancellationToken.Register(probe.Kill))
        {
            await probe.Stdout.CopyToAsync(output, cancellationToken).ConfigureAwait(false);
            int exitCode = await probe.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            if (exitCode != 0)
                throw new MediaException($"Cannot read {kind} '{path}': {Explain(errors.FirstError) ?? $"ffprobe exited with code {exitCode}"}");
        }
        output.Position = 0;
        try
        {
            return await JsonDocument.ParseAsync(output, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            throw new MediaException($"Cannot read {kind} '{path}': ffprobe printed unparseable output ({e.Message})", e);
        }
    }

    /// <summary>ffmpeg's words for a refused demuxer quote our whole allowlist; say what it means.</summary>
    private static string? Explain(string? error) =>
        error is not null && error.StartsWith("Format not on whitelist", StringComparison.Ordinal)
            ? "not a supported image or video format (playlists, concat lists and other files that refer to further files are refused)"
            : error;
}
