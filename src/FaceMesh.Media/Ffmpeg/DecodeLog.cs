namespace FaceMesh.Media.Ffmpeg;

/// <summary>
/// Collects what a decoder said about the data: ffmpeg's error and warning lines (except the
/// scaler's, which are about our conversion, not the file) and every untagged line (djpeg prints
/// only untagged lines: "Premature end of JPEG file"). Bounded and thread-safe.
/// </summary>
internal sealed class DecodeLog : IStderrLineSink
{
    private readonly BoundedLines _lines = new();

    public void OnLine(ReadOnlySpan<byte> line)
    {
        if (line.StartsWith("[swscaler"u8)) return;
        FfmpegLogLevel level = FfmpegLogLine.Parse(line, out ReadOnlySpan<byte> message);
        if (level is not (FfmpegLogLevel.Error or FfmpegLogLevel.Warning or FfmpegLogLevel.Untagged)) return;
        message = message.Trim(" \t\r"u8);
        if (!message.IsEmpty) _lines.Add(message);
    }

    public void OnEnd() { }

    public IReadOnlyList<string> Lines => _lines.Snapshot();

    public string? First => _lines.First;
}
