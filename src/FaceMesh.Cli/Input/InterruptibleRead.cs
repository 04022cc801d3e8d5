using FaceMesh.Imaging;
using FaceMesh.Media;

namespace FaceMesh.Cli.Input;

/// <summary>
/// Reads an image so that Ctrl-C always ends the wait. A path can name a FIFO or a stalled mount
/// on which a synchronous read (format sniffing) blocks for ever; the read runs on the thread pool
/// and the command stops waiting when cancelled. Child decoders are killed by the token; a thread
/// still stuck in the kernel ends with the process.
/// </summary>
internal static class InterruptibleRead
{
    public static Task<ImageBuffer> ImageAsync(string path, CancellationToken cancellationToken) =>
        Task.Run(() => ImageFile.ReadAsync(path, PixelFormat.Rgb24, cancellationToken), cancellationToken).WaitAsync(cancellationToken);

    public static Task<ImageReadResult> ImageAsync(string path, ImageReadOptions options, CancellationToken cancellationToken) =>
        Task.Run(() => ImageFile.ReadAsync(path, options, cancellationToken), cancellationToken).WaitAsync(cancellationToken);
}
