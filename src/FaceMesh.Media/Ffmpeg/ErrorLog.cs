namespace FaceMesh.Media.Ffmpeg;

/// <summary>Keeps the first few error lines ffmpeg printed (bounded, thread-safe).</summary>
internal sealed class ErrorLog : IStderrLineSink
{
    private readonly BoundedLines _errors = new();
    private readonly BoundedLines _untagged = new();

    public void OnLine(ReadOnlySpan<byte> line)
    {
        FfmpegLogLevel level = FfmpegLogLine.Parse(line, out ReadOnlySpan<byte> message);
        message = message.Trim(" \t\r"u8);
        if (message.IsEmpty) return;
        if (level == FfmpegLogLevel.Error) _errors.Add(message);
        else if (level == FfmpegLogLevel.Untagged) _untagged.Add(message);
    }

    public void OnEnd() { }

    /// <summary>The first tagged error line, else the first untagged line, else null.</summary>
    public string? FirstError => _errors.First ?? _untagged.First;

    public bool HasErrors => _errors.First is not null;
}
