namespace FaceMesh.Imaging;

/// <summary>Byte layout of one pixel. All formats are 8 bits per channel, interleaved.</summary>
public enum PixelFormat
{
    Rgb24,
    Bgr24,
    Rgba32,
    Bgra32,
}

public static class PixelFormatExtensions
{
    public static int BytesPerPixel(this PixelFormat format) => format switch
    {
        PixelFormat.Rgb24 or PixelFormat.Bgr24 => 3,
        PixelFormat.Rgba32 or PixelFormat.Bgra32 => 4,
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown pixel format."),
    };

    /// <summary>Byte offsets of red, green and blue inside one pixel.</summary>
    public static (int R, int G, int B) ChannelOffsets(this PixelFormat format) => format switch
    {
        PixelFormat.Rgb24 or PixelFormat.Rgba32 => (0, 1, 2),
        PixelFormat.Bgr24 or PixelFormat.Bgra32 => (2, 1, 0),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown pixel format."),
    };
}
