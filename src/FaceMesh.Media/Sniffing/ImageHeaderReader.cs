using System.Diagnostics;

namespace FaceMesh.Media.Sniffing;

/// <summary>Reads as much of an image's start as its header needs, from a file (asynchronously) or from memory, bounded.</summary>
internal static class ImageHeaderReader
{
    private const int FirstRead = 64 * 1024;
    /// <summary>JPEG metadata segments (ICC profiles, thumbnails) can push the frame header far in, but not this far.</summary>
    private const int MaxHeaderBytes = 16 * 1024 * 1024;

    public static Task<HeaderParse> ReadAsync(string path, CancellationToken cancellationToken) =>
        // Opening or reading a FIFO (or a stalled mount) blocks in the kernel where no token reaches:
        // the caller stops waiting when cancelled, and the blocked read ends with the file or the process.
        Task.Run(() => ReadUninterruptedAsync(path, cancellationToken), cancellationToken).WaitAsync(cancellationToken);

    private static async Task<HeaderParse> ReadUninterruptedAsync(string path, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete,
            bufferSize: 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
        byte[] buffer = new byte[FirstRead];
        int length = 0;
        while (true)
        {
            int read = await file.ReadAtLeastAsync(buffer.AsMemory(length), buffer.Length - length, throwOnEndOfStream: false, cancellationToken)
                .ConfigureAwait(false);
            length += read;
            if (Conclude(buffer.AsSpan(0, length), complete: length < buffer.Length) is { } parse) return parse;
            Array.Resize(ref buffer, buffer.Length * 2);
        }
    }

    /// <param name="encoded">The whole encoded image.</param>
    public static HeaderParse Parse(ReadOnlySpan<byte> encoded) =>
        Conclude(encoded[..Math.Min(encoded.Length, MaxHeaderBytes)], complete: encoded.Length <= MaxHeaderBytes)
        ?? throw new UnreachableException("a start cut at the header limit always gets a verdict");

    /// <param name="complete">Whether <paramref name="start"/> is all there is.</param>
    /// <returns>The verdict, or null when more bytes are needed and may still be read.</returns>
    private static HeaderParse? Conclude(ReadOnlySpan<byte> start, bool complete)
    {
        HeaderParse parse = ImageHeaderParser.Parse(start);
        if (parse.Status != HeaderStatus.NeedMoreData) return parse;
        if (complete) return HeaderParse.Bad(start.IsEmpty ? "the file is empty" : "the file ends inside its header");
        if (start.Length >= MaxHeaderBytes) return HeaderParse.Bad($"no image header within the first {MaxHeaderBytes >> 20} MB");
        return null;
    }
}
