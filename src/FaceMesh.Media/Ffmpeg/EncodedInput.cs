namespace FaceMesh.Media.Ffmpeg;

/// <summary>
/// Where a decoder child gets the encoded image: a file it opens itself, or bytes we write to its
/// stdin (an upload held in memory, which must never touch the disk). Decoders take this instead
/// of a path so both sources share one decode path, with the same checks and the same pixels.
/// </summary>
internal sealed class EncodedInput
{
    private readonly ReadOnlyMemory<byte> _bytes;

    private EncodedInput(string name, string? fullPath, ReadOnlyMemory<byte> bytes)
    {
        Name = name;
        FullPath = fullPath;
        _bytes = bytes;
    }

    public static EncodedInput FromFile(string path) => new(path, Path.GetFullPath(path), default);

    public static EncodedInput FromMemory(ReadOnlyMemory<byte> bytes, string name) => new(name, null, bytes);

    /// <summary>What error messages call the input: the path as given, or the caller's name for the bytes.</summary>
    public string Name { get; }

    /// <summary>Absolute (so it can never be taken for an option), or null for bytes piped through stdin.</summary>
    public string? FullPath { get; }

    /// <summary>The bytes of in-memory input (empty for a file).</summary>
    public ReadOnlyMemory<byte> Bytes => _bytes;

    /// <summary>ffmpeg's URL for the input and the only protocol it may use to open it.</summary>
    public (string Url, string Protocol) FfmpegSource =>
        FullPath is null ? ("pipe:0", "pipe") : (FfmpegArgs.FileUrl(FullPath), "file");

    /// <summary>djpeg reads stdin when given no file.</summary>
    public IReadOnlyList<string> DjpegArguments => FullPath is null ? [] : [FullPath];

    /// <summary>Starts <paramref name="tool"/> on this input; in-memory bytes are written to its stdin in the background.</summary>
    public FfmpegProcess Start(string tool, IEnumerable<string> arguments, IStderrLineSink sink, CancellationToken cancellationToken)
    {
        FfmpegProcess child = FfmpegProcess.Start(tool, arguments, sink, keepStdinOpen: FullPath is null);
        if (FullPath is null) child.StartFeeding(_bytes, cancellationToken);
        return child;
    }
}
