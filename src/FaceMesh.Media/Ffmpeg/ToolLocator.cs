namespace FaceMesh.Media.Ffmpeg;

/// <summary>
/// Finds ffmpeg/ffprobe on PATH before anything is spawned, so a missing install yields an
/// actionable message instead of a Win32Exception from Process.Start.
/// </summary>
internal static class ToolLocator
{
    public const string Ffmpeg = "ffmpeg";
    public const string Ffprobe = "ffprobe";

    public static string Require(string tool) =>
        Require(tool, Environment.GetEnvironmentVariable("PATH"));

    public static string Require(string tool, string? searchPath) =>
        Find(tool, searchPath)
        ?? throw new MediaException($"{tool} was not found on PATH; install it (Debian: apt-get install ffmpeg)");

    public static string? Find(string tool, string? searchPath)
    {
        if (string.IsNullOrEmpty(searchPath)) return null;
        string fileName = OperatingSystem.IsWindows() ? tool + ".exe" : tool;
        foreach (string dir in searchPath.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = Path.Combine(dir.Trim('"'), fileName);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }
}
