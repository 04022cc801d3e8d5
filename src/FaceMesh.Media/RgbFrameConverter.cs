using System.Drawing;
using FaceMesh.Imaging;

namespace FaceMesh.Media;

/// <summary>
/// Hands back each decoded video frame as the RGB the landmarker takes: frames that already are
/// colour images pass through untouched; <see cref="Yuv420"/> planes are converted into one buffer
/// this converter keeps, so a run converts every frame at most once (or only the part a reader
/// needs) and allocates nothing per frame. Pair it with <see cref="VideoReader.WithYuv420FramesWhereSupported"/>. A returned view
/// is valid until the next call or disposal.
/// </summary>
public sealed class RgbFrameConverter : IDisposable
{
    private readonly ImageBuffer? _rgb;
    private bool _disposed;

    /// <summary>A converter for <paramref name="reader"/>'s frames (planes or colour, whichever it yields).</summary>
    public RgbFrameConverter(VideoReader reader)
        : this((reader ?? throw new ArgumentNullException(nameof(reader))).Info.Width, reader.Info.Height, reader.IsYuv420)
    {
    }

    /// <summary>A converter for frames of <paramref name="width"/> x <paramref name="height"/> pixels, kept as 4:2:0 planes or not.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size that is not positive.</exception>
    /// <exception cref="ArgumentException">4:2:0 planes of an odd size, which that layout cannot hold.</exception>
    public RgbFrameConverter(int width, int height, bool yuv420)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        if (yuv420 && !Yuv420.Supports(width, height))
            throw new ArgumentException($"4:2:0 frames need an even size; got {width}x{height}.", nameof(yuv420));
        Width = width;
        Height = height;
        if (yuv420) _rgb = new ImageBuffer(width, height, PixelFormat.Rgb24);
    }

    public int Width { get; }
    public int Height { get; }

    /// <summary>True when frames are 4:2:0 planes and get converted; false when they pass through.</summary>
    public bool Converts => _rgb is not null;

    /// <summary>The frame in colour: the frame itself, or its planes converted into this converter's buffer.</summary>
    /// <exception cref="ArgumentException">The frame's buffer does not have the size and layout this converter was made for.</exception>
    public ImageView ToRgb(ImageBuffer frame) => ToRgb(frame, null);

    /// <summary>
    /// As <see cref="ToRgb(ImageBuffer)"/>, converting only <paramref name="region"/> (widened to
    /// even coordinates; null: the whole frame). Outside it the returned view holds whatever this
    /// converter's buffer held before (earlier frames' pixels, or zeros), so only a reader that
    /// touches nothing outside the region may use it, e.g. a landmarker given the region of
    /// <c>FaceLandmarker.GetNextVideoFrameReadRegion</c>. Frames that pass through are whole anyway.
    /// </summary>
    /// <exception cref="ArgumentException">The frame's buffer does not have the size and layout this converter was made for.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The region is empty or not inside the frame.</exception>
    public ImageView ToRgb(ImageBuffer frame, Rectangle? region)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_rgb is null)
        {
            if (frame.Width != Width || frame.Height != Height)
                throw new ArgumentException($"Expected a {Width}x{Height} frame, got {frame.Width}x{frame.Height}.", nameof(frame));
            return frame.View;
        }
        if (frame.Format != PixelFormat.Gray8 || frame.Width != Width || frame.Height != Yuv420.BufferHeight(Height))
            throw new ArgumentException(
                $"Expected the 4:2:0 planes of a {Width}x{Height} frame (a {Width}x{Yuv420.BufferHeight(Height)} Gray8 buffer), got {frame.Width}x{frame.Height} {frame.Format}.",
                nameof(frame));
        Rectangle r = region ?? new Rectangle(0, 0, Width, Height);
        if (r.Width <= 0 || r.Height <= 0 || r.X < 0 || r.Y < 0 || r.Right > Width || r.Bottom > Height)
            throw new ArgumentOutOfRangeException(nameof(region), r, $"The region must be a non-empty rectangle inside the {Width}x{Height} frame.");
        Yuv420.ToRgb(frame.Span, Width, Height, _rgb, r.X, r.Y, r.Width, r.Height);
        return _rgb.View;
    }

    public void Dispose()
    {
        _disposed = true;
        _rgb?.Dispose();
    }
}
