using System.Buffers;
using FaceMesh.Imaging;
using FaceMesh.Media.Ffmpeg;

namespace FaceMesh.Media.Png;

/// <summary>Brings a PNG's bytes to <see cref="PngDecoder"/>: in-memory input as it is, a file into a pooled buffer.</summary>
internal static class PngInputDecoder
{
    /// <returns>The image, or null when ffmpeg must decode this input.</returns>
    public static async Task<ImageBuffer?> TryDecodeAsync(EncodedInput input, PixelFormat format, CancellationToken cancellationToken)
    {
        if (input.FullPath is null) return PngDecoder.TryDecode(input.Bytes, format);
        byte[]? buffer = null;
        try
        {
            int length;
            var file = new FileStream(input.FullPath, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.Asynchronous);
            await using (file.ConfigureAwait(false))
            {
                if (file.Length >= Array.MaxLength) return null;
                // One byte more than the size seen now tells a file that grew since from one read whole.
                int wanted = (int)file.Length + 1;
                buffer = ArrayPool<byte>.Shared.Rent(wanted);
                // A 16-bit or interlaced PNG goes to ffmpeg without being read here first.
                length = await file.ReadAtLeastAsync(buffer.AsMemory(0, wanted), Math.Min(PngLayout.HeaderLength, wanted),
                    throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
                if (!PngLayout.HasSupportedHeader(buffer.AsSpan(0, length))) return null;
                length += await file.ReadAtLeastAsync(buffer.AsMemory(length, wanted - length), wanted - length,
                    throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
                if (length == wanted) return null;
            }
            return PngDecoder.TryDecode(buffer.AsMemory(0, length), format);
        }
        catch (IOException)
        {
            return null; // ffmpeg opens it again and names the problem as it always has
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
        finally
        {
            if (buffer is not null) ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
