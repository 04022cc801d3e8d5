namespace FaceMesh.Media.Ffmpeg;

/// <summary>Argument fragments every invocation shares.</summary>
internal static class FfmpegArgs
{
    /// <summary>
    /// Quiet except errors, each line tagged with its level (so errors can be told apart from
    /// other output), repeated lines not collapsed, no banner/progress, never read the terminal.
    /// </summary>
    public static IReadOnlyList<string> QuietErrors { get; } =
        ["-hide_banner", "-nostdin", "-nostats", "-loglevel", "repeat+level+error"];

    /// <summary>Same, but at info level, for the per-frame showinfo lines of the video reader.</summary>
    public static IReadOnlyList<string> TaggedInfo { get; } =
        ["-hide_banner", "-nostdin", "-nostats", "-loglevel", "repeat+level+info"];

    /// <summary>
    /// An explicit file URL so names that start with '-' or contain ':' are never read as options
    /// or protocols.
    /// </summary>
    public static string FileUrl(string path) => "file:" + Path.GetFullPath(path);
}
