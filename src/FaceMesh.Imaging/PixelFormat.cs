namespace FaceMesh.Imaging;

/// <summary>Byte layout of one pixel. All formats are 8 bits per channel, interleaved.</summary>
public enum PixelFormat
{
    /// <summary>Red, green, blue: 3 bytes per pixel.</summary>
    Rgb24,
    /// <summary>Blue, green, red (OpenCV's and GDI's order): 3 bytes per pixel.</summary>
    Bgr24,
    /// <summary>Red, green, blue, alpha: 4 bytes per pixel; alpha is ignored by the pipeline.</summary>
    Rgba32,
    /// <summary>Blue, green, red, alpha (Windows bitmaps, most camera APIs): 4 bytes per pixel; alpha is ignored.</summary>
    Bgra32,
    /// <summary>One luminance byte per pixel; the models see it as red = green = blue.</summary>
    Gray8,
}

/// <summary>Byte-layout facts about <see cref="PixelFormat"/> values.</summary>
public static class PixelFormatExtensions
{
    /// <summary>Bytes one pixel occupies.</summary>
    public static int BytesPerPixel(this PixelFormat format) => format switch
    {
        PixelFormat.Gray8 => 1,
        PixelFormat.Rgb24 or PixelFormat.Bgr24 => 3,
        PixelFormat.Rgba32 or PixelFormat.Bgra32 => 4,
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown pixel format."),
    };

    /// <summary>Byte offsets of red, green and blue inside one pixel (all 0 for <see cref="PixelFormat.Gray8"/>).</summary>
    public static (int R, int G, int B) ChannelOffsets(this PixelFormat format) => format switch
    {
        PixelFormat.Gray8 => (0, 0, 0),
        PixelFormat.Rgb24 or PixelFormat.Rgba32 => (0, 1, 2),
        PixelFormat.Bgr24 or PixelFormat.Bgra32 => (2, 1, 0),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown pixel format."),
    };
}
