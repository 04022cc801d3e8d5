using System.Buffers.Text;
using System.Threading.Channels;

namespace FaceMesh.Media.Ffmpeg;

/// <summary>
/// Turns the showinfo filter's per-frame stderr lines into <see cref="FrameStamp"/>s, in order, and
/// passes every other line to an <see cref="ErrorLog"/>. Raw video on stdout carries no timestamps;
/// this side channel is how each frame gets its real pts. ffmpeg logs a frame's line before the
/// frame reaches the output pipe, so the stamp for a fully read frame is always on its way.
/// </summary>
internal sealed class ShowInfoSink : IStderrLineSink
{
    private readonly Channel<FrameStamp> _stamps =
        Channel.CreateUnbounded<FrameStamp>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });

    public ShowInfoSink(ErrorLog errors) => Errors = errors;

    public ErrorLog Errors { get; }

    public void OnLine(ReadOnlySpan<byte> line)
    {
        if (TryParse(line, out FrameStamp stamp)) _stamps.Writer.TryWrite(stamp);
        else Errors.OnLine(line);
    }

    /// <summary>Releases a reader waiting for a stamp that will never come.</summary>
    public void OnEnd() => _stamps.Writer.TryComplete();

    /// <summary>The next frame's stamp, or null when stderr ended without one.</summary>
    public async ValueTask<FrameStamp?> NextAsync(CancellationToken cancellationToken)
    {
        while (await _stamps.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            if (_stamps.Reader.TryRead(out FrameStamp stamp)) return stamp;
        }
        return null;
    }

    /// <summary>Parses "[Parsed_showinfo_N @ 0x..] [info] n: 12 pts: 1024 pts_time:0.1 ... s:64x48 ...".</summary>
    internal static bool TryParse(ReadOnlySpan<byte> line, out FrameStamp stamp)
    {
        stamp = default;
        if (!line.StartsWith("[Parsed_showinfo_"u8)) return false;
        FfmpegLogLine.Parse(line, out ReadOnlySpan<byte> message);
        if (!message.StartsWith("n:"u8)) return false;
        double pts = double.NaN;
        if (ValueAfter(message, " pts_time:"u8) is { IsEmpty: false } ptsText
            && Utf8Parser.TryParse(ptsText, out double parsed, out _))
            pts = parsed;
        ReadOnlySpan<byte> size = ValueAfter(message, " s:"u8);
        int x = size.IndexOf((byte)'x');
        if (x < 0 || !Utf8Parser.TryParse(size[..x], out int width, out _)
            || !Utf8Parser.TryParse(size[(x + 1)..], out int height, out _))
            return false;
        stamp = new FrameStamp(pts, width, height);
        return true;
    }

    private static ReadOnlySpan<byte> ValueAfter(ReadOnlySpan<byte> message, ReadOnlySpan<byte> key)
    {
        int at = message.IndexOf(key);
        if (at < 0) return default;
        ReadOnlySpan<byte> value = message[(at + key.Length)..].TrimStart((byte)' ');
        int end = value.IndexOf((byte)' ');
        return end < 0 ? value : value[..end];
    }
}
