namespace FaceMesh.Media.Ffmpeg;

/// <summary>Asks the installed ffmpeg which encoders it was built with.</summary>
internal static class EncoderCatalog
{
    public static async Task<bool> HasEncoderAsync(string name, CancellationToken cancellationToken)
    {
        var errors = new ErrorLog();
        await using var ffmpeg = FfmpegProcess.Start(ToolLocator.Ffmpeg, ["-hide_banner", "-nostdin", "-encoders"], errors, keepStdinOpen: false);
        using var reader = new StreamReader(ffmpeg.Stdout);
        string listing = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        await ffmpeg.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        // Lines look like " V....D libx264              libx264 H.264 / AVC ...".
        foreach (string line in listing.Split('\n'))
        {
            string[] columns = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (columns.Length >= 2 && columns[1] == name) return true;
        }
        return false;
    }
}
