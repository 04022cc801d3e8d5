using System.Text;

namespace FaceMesh.Media.Ffmpeg;

/// <summary>
/// Keeps the first few error lines ffmpeg printed, bounded so a corrupt stream that logs an
/// error per packet cannot grow memory without limit. Thread-safe: the stderr pump writes while
/// the caller may read after a failure.
/// </summary>
internal sealed class ErrorLog : IStderrLineSink
{
    private const int MaxLines = 16;
    private const int MaxLineLength = 400;
    private readonly List<string> _errors = [];
    private readonly List<string> _untagged = [];
    private readonly Lock _gate = new();

    public void OnLine(ReadOnlySpan<byte> line)
    {
        FfmpegLogLevel level = FfmpegLogLine.Parse(line, out ReadOnlySpan<byte> message);
        message = message.Trim(" \t\r"u8);
        if (message.IsEmpty) return;
        List<string>? target = level switch
        {
            FfmpegLogLevel.Error => _errors,
            FfmpegLogLevel.Untagged => _untagged,
            _ => null,
        };
        if (target is null) return;
        lock (_gate)
        {
            if (target.Count >= MaxLines) return;
            if (message.Length > MaxLineLength) message = message[..MaxLineLength];
            target.Add(Encoding.UTF8.GetString(message));
        }
    }

    public void OnEnd() { }

    /// <summary>The first tagged error line, else the first untagged line, else null.</summary>
    public string? FirstError
    {
        get
        {
            lock (_gate)
                return _errors.Count > 0 ? _errors[0] : _untagged.Count > 0 ? _untagged[0] : null;
        }
    }

    public bool HasErrors
    {
        get { lock (_gate) return _errors.Count > 0; }
    }
}
