using FaceMesh.Imaging;
using FaceMesh.Media.Ffmpeg;

namespace FaceMesh.Media;

/// <summary>How <see cref="ImageFile"/> reads a file.</summary>
public sealed record ImageReadOptions
{
    /// <summary>
    /// The limit when none is given: 50 MP (an 8160x6144 phone photo), chosen so that decoding
    /// stays under 1 GB in total: djpeg streams rows (about 4 bytes per pixel in all), while
    /// ffmpeg holds its decoded frame and an output copy beside ours (up to about 19 bytes per
    /// pixel for a 16-bit RGBA PNG).
    /// </summary>
    public const double DefaultMaxMegapixels = InputPolicy.DefaultMaxMegapixels;

    public static ImageReadOptions Default { get; } = new();

    /// <summary>Pixel layout of the returned image.</summary>
    public PixelFormat Format { get; init; } = PixelFormat.Rgb24;

    /// <summary>
    /// Largest image accepted, in millions of pixels (at most 500). The size the file declares is
    /// checked before anything is decoded, so a small file claiming a huge image costs nothing.
    /// </summary>
    public double MaxMegapixels { get; init; } = DefaultMaxMegapixels;

    /// <summary>
    /// Turn JPEG and PNG images upright according to their EXIF orientation (true, as MediaPipe's
    /// Python and browser paths see them), or return the pixels as stored (false).
    /// </summary>
    public bool ApplyExifOrientation { get; init; } = true;

    /// <summary>Decoder for JPEG files; the default gives MediaPipe's pixels.</summary>
    public JpegDecoder JpegDecoder { get; init; } = JpegDecoder.LibjpegTurbo;

    /// <summary>
    /// Throw <see cref="MediaException"/> when the decoder reports damage (truncated or corrupt
    /// data) instead of returning the partly decoded image with <see cref="ImageReadResult.Warnings"/>.
    /// </summary>
    public bool Strict { get; init; }
}
