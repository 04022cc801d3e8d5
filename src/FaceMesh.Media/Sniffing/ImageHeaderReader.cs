namespace FaceMesh.Media.Sniffing;

/// <summary>Reads as much of a file's start as its header needs, asynchronously and bounded.</summary>
internal static class ImageHeaderReader
{
    private const int FirstRead = 64 * 1024;
    /// <summary>JPEG metadata segments (ICC profiles, thumbnails) can push the frame header far in, but not this far.</summary>
    private const int MaxHeaderBytes = 16 * 1024 * 1024;

    public static async Task<HeaderParse> ReadAsync(string path, CancellationToken cancellationToken)
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
            bool complete = length < buffer.Length;
            HeaderParse parse = ImageHeaderParser.Parse(buffer.AsSpan(0, length));
            if (parse.Status != HeaderStatus.NeedMoreData) return parse;
            if (complete) return HeaderParse.Bad(length == 0 ? "the file is empty" : "the file ends inside its header");
            if (buffer.Length >= MaxHeaderBytes) return HeaderParse.Bad($"no image header within the first {MaxHeaderBytes >> 20} MB");
            Array.Resize(ref buffer, buffer.Length * 2);
        }
    }
}
