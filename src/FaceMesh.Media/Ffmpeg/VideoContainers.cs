namespace FaceMesh.Media.Ffmpeg;

/// <summary>
/// Output names ffmpeg would write as still images rather than as one video: its image2 muxer
/// takes these extensions and expands '%d' in the name, so <c>x%d.png</c> becomes hundreds of
/// files, and a plain <c>x.png</c> a single overwritten frame.
/// </summary>
internal static class VideoContainers
{
    private static readonly HashSet<string> ImageExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".png", ".jpg", ".jpeg", ".bmp", ".tif", ".tiff", ".webp", ".ppm", ".pgm", ".pbm", ".pam", ".tga", ".jxl", ".j2k", ".jp2",
        ".dpx", ".exr", ".sgi", ".pcx", ".xwd", ".yuv", ".y", ".raw",
    };

    public static void RefuseImageFormat(string path)
    {
        string extension = Path.GetExtension(path);
        if (ImageExtensions.Contains(extension))
            throw new MediaException(
                $"Cannot write video '{path}': '{extension}' is an image format; use a video container such as .mp4, .mkv, .mov or .webm");
    }
}
