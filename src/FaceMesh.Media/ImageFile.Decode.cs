using FaceMesh.Imaging;
using FaceMesh.Media.Jpeg;

namespace FaceMesh.Media;

public static partial class ImageFile
{
    /// <summary>
    /// Decodes an encoded image held in memory (an upload, a message), with the same decoders and
    /// so the same pixels as <see cref="ReadAsync(string, PixelFormat, CancellationToken)"/> gives for
    /// the same bytes in a file. The bytes go to the decoder through a pipe: nothing touches the disk.
    /// </summary>
    /// <param name="name">Names the image in error messages.</param>
    public static async Task<ImageBuffer> DecodeAsync(ReadOnlyMemory<byte> encoded, string name, PixelFormat format = PixelFormat.Rgb24,
        CancellationToken cancellationToken = default)
    {
        if (encoded.IsEmpty) throw new MediaException($"Cannot read image '{name}': it is empty");
        if (LibjpegTurboDecoder.LooksLikeJpeg(encoded.Span) && LibjpegTurboDecoder.IsAvailable
            && await LibjpegTurboDecoder.TryDecodeAsync(encoded, format, cancellationToken).ConfigureAwait(false) is { } jpeg)
            return jpeg;
        return await DecodeWithFfmpegAsync("pipe:0", encoded, name, format, cancellationToken).ConfigureAwait(false);
    }
}
