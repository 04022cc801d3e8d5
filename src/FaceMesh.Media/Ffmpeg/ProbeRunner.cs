using System.Text.Json;

namespace FaceMesh.Media.Ffmpeg;

/// <summary>Runs ffprobe with JSON output and parses it.</summary>
internal static class ProbeRunner
{
    public static async Task<JsonDocument> ProbeAsync(string path, CancellationToken cancellationToken)
    {
        string[] arguments =
            ["-v", "error", "-print_format", "json", "-show_streams", "-show_format", FfmpegArgs.FileUrl(path)];
        var errors = new ErrorLog();
        await using var probe = FfmpegProcess.Start(ToolLocator.Ffprobe, arguments, errors, keepStdinOpen: false);
        using var output = new MemoryStream();
        using (cancellationToken.Register(probe.Kill))
        {
            await probe.Stdout.CopyToAsync(output, cancellationToken).ConfigureAwait(false);
            int exitCode = await probe.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            if (exitCode != 0)
                throw new MediaException($"Cannot read '{path}': {errors.FirstError ?? $"ffprobe exited with code {exitCode}"}");
        }
        output.Position = 0;
        try
        {
            return await JsonDocument.ParseAsync(output, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            throw new MediaException($"Cannot read '{path}': ffprobe printed unparseable output ({e.Message})", e);
        }
    }
}
