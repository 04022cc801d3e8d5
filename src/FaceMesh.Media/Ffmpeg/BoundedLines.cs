using System.Text;

namespace FaceMesh.Media.Ffmpeg;

/// <summary>
/// The first few lines a child printed, each cut to a readable length, so a corrupt stream that
/// logs a line per packet cannot grow memory without limit. Thread-safe: the stderr pump adds
/// while the caller may read after a failure.
/// </summary>
internal sealed class BoundedLines
{
    private const int MaxLines = 16;
    private const int MaxLineLength = 400;
    private readonly List<string> _lines = [];
    private readonly Lock _gate = new();

    public void Add(ReadOnlySpan<byte> message)
    {
        if (message.Length > MaxLineLength) message = message[..MaxLineLength];
        lock (_gate)
        {
            if (_lines.Count < MaxLines) _lines.Add(Encoding.UTF8.GetString(message));
        }
    }

    public string? First
    {
        get { lock (_gate) return _lines.Count > 0 ? _lines[0] : null; }
    }

    public IReadOnlyList<string> Snapshot()
    {
        lock (_gate) return [.. _lines];
    }
}
