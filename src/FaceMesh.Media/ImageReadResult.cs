using FaceMesh.Imaging;

namespace FaceMesh.Media;

/// <summary>
/// A decoded image and what the decoder said about the file. A damaged file (truncated, corrupt
/// data) still yields the part that decoded, often with the rest filled in grey or green: check
/// <see cref="IsDamaged"/> before trusting results computed from it.
/// </summary>
public sealed class ImageReadResult : IDisposable
{
    private ImageBuffer? _image;

    internal ImageReadResult(ImageBuffer image, IReadOnlyList<string> warnings)
    {
        _image = image;
        Warnings = warnings;
    }

    /// <summary>The pixels, upright unless <see cref="ImageReadOptions.ApplyExifOrientation"/> was off.</summary>
    public ImageBuffer Image => _image ?? throw new ObjectDisposedException(nameof(ImageReadResult));

    /// <summary>The decoder's warnings (e.g. "Premature end of JPEG file"), empty for a sound file.</summary>
    public IReadOnlyList<string> Warnings { get; }

    public bool IsDamaged => Warnings.Count > 0;

    /// <summary>Hands the image over to the caller, who then disposes it; this result no longer does.</summary>
    public ImageBuffer DetachImage()
    {
        ImageBuffer image = Image;
        _image = null;
        return image;
    }

    public void Dispose()
    {
        _image?.Dispose();
        _image = null;
    }
}
