using FaceMesh.Imaging;

namespace FaceMesh.Media.Ffmpeg;

internal static class FfmpegPixelFormats
{
    /// <summary>The ffmpeg <c>-pix_fmt</c> name with exactly our byte layout.</summary>
    public static string Name(PixelFormat format) => format switch
    {
        PixelFormat.Rgb24 => "rgb24",
        PixelFormat.Bgr24 => "bgr24",
        PixelFormat.Rgba32 => "rgba",
        PixelFormat.Bgra32 => "bgra",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown pixel format."),
    };
}
