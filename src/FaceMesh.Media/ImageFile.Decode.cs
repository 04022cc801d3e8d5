using FaceMesh.Imaging;
using FaceMesh.Media.Ffmpeg;
using FaceMesh.Media.Sniffing;

namespace FaceMesh.Media;

public static partial class ImageFile
{
    /// <summary>
    /// Decodes an encoded still image held in memory (an upload, a message) exactly as
    /// <see cref="ReadAsync(string, ImageReadOptions, CancellationToken)"/> reads the same bytes
    /// from a file: same header checks and size limit, same decoders and so the same pixels, same
    /// EXIF handling, warnings and <see cref="ImageReadOptions.Strict"/>. The bytes reach the
    /// decoder through its stdin: nothing touches the disk. Only still images are accepted (video
    /// containers are read from files); anything else throws <see cref="MediaException"/> naming
    /// <paramref name="name"/>.
    /// </summary>
    /// <param name="name">Names the image in error messages (e.g. the uploaded file name).</param>
    public static async Task<ImageReadResult> DecodeAsync(ReadOnlyMemory<byte> encoded, string name, ImageReadOptions options,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        long maxPixels = Validate(options);
        HeaderParse parse = ImageHeaderReader.Parse(encoded.Span);
        return await DecodeAsync(EncodedInput.FromMemory(encoded, name), parse, options, maxPixels, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Decodes an image held in memory with the default options, as
    /// <see cref="ReadAsync(string, PixelFormat, CancellationToken)"/>: a damaged image throws.
    /// </summary>
    public static async Task<ImageBuffer> DecodeAsync(ReadOnlyMemory<byte> encoded, string name, PixelFormat format = PixelFormat.Rgb24,
        CancellationToken cancellationToken = default)
    {
        using ImageReadResult result = await DecodeAsync(encoded, name, new ImageReadOptions { Format = format, Strict = true }, cancellationToken)
            .ConfigureAwait(false);
        return result.DetachImage();
    }
}
