using System.Text.Json;

namespace FaceMesh.Media.Ffmpeg;

/// <summary>Runs ffprobe with JSON output and parses it.</summary>
internal static class ProbeRunner
{
    /// <param name="kind">What the file should be ("video", "audio source") for the error message.</param>
    public static async Task<JsonDocument> ProbeAsync(string path, string kind, CancellationToken cancellationToken)
    {
        string[] arguments =
            ["-hide_banner", "-loglevel", "repeat+level+error", "-print_format", "json", "-show_streams", "-show_format", FfmpegArgs.FileUrl(path)];
        var errors = new ErrorLog();
        await using var probe = FfmpegProcess.Start(ToolLocator.Ffprobe, arguments, errors, keepStdinOpen: false);
        using var output = new MemoryStream();
        using (cancellationToken.Register(probe.Kill))
        {
            await probe.Stdout.CopyToAsync(output, cancellationToken).ConfigureAwait(false);
            int exitCode = await probe.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            if (exitCode != 0)
                throw new MediaException($"Cannot read {kind} '{path}': {errors.FirstError ?? $"ffprobe exited with code {exitCode}"}");
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
}
