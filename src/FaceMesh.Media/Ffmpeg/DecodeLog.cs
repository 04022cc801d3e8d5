using System.Text;

namespace FaceMesh.Media.Ffmpeg;

/// <summary>
/// Collects what a decoder said about the data: ffmpeg's error and warning lines (except the
/// scaler's, which are about our conversion, not the file) and every untagged line (djpeg prints
/// only untagged lines: "Premature end of JPEG file"). Bounded like <see cref="ErrorLog"/>.
/// </summary>
internal sealed class DecodeLog : IStderrLineSink
{
    private const int MaxLines = 16;
    private const int MaxLineLength = 400;
    private readonly List<string> _lines = [];
    private readonly Lock _gate = new();

    public void OnLine(ReadOnlySpan<byte> line)
    {
        if (line.StartsWith("[swscaler"u8)) return;
        FfmpegLogLevel level = FfmpegLogLine.Parse(line, out ReadOnlySpan<byte> message);
        if (level is not (FfmpegLogLevel.Error or FfmpegLogLevel.Warning or FfmpegLogLevel.Untagged)) return;
        message = message.Trim(" \t\r"u8);
        if (message.IsEmpty) return;
        if (message.Length > MaxLineLength) message = message[..MaxLineLength];
        lock (_gate)
        {
            if (_lines.Count < MaxLines) _lines.Add(Encoding.UTF8.GetString(message));
        }
    }

    public void OnEnd() { }

    public IReadOnlyList<string> Lines
    {
        get { lock (_gate) return [.. _lines]; }
    }

    public string? First
    {
        get { lock (_gate) return _lines.Count > 0 ? _lines[0] : null; }
    }
}
