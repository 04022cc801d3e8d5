namespace FaceMesh.Batch;

public enum MediaKind
{
    Image,
    Video,
}

/// <summary>Which files a folder scan picks up, by extension.</summary>
public static class MediaKinds
{
    public static IReadOnlySet<string> ImageExtensions { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        ".jpg", ".jpeg", ".png", ".bmp", ".ppm", ".pgm", ".pnm", ".webp", ".tif", ".tiff",
    };

    public static IReadOnlySet<string> VideoExtensions { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        ".mp4", ".m4v", ".mov", ".mkv", ".webm", ".avi", ".mpg", ".mpeg", ".wmv", ".flv", ".ts", ".mts", ".3gp",
    };

    public static bool IsMedia(string path) => ImageExtensions.Contains(Path.GetExtension(path)) || VideoExtensions.Contains(Path.GetExtension(path));

    /// <summary>Images by extension; anything else is handed to the video decoder, which reads whatever ffmpeg can.</summary>
    public static MediaKind Of(string path) => ImageExtensions.Contains(Path.GetExtension(path)) ? MediaKind.Image : MediaKind.Video;
}
