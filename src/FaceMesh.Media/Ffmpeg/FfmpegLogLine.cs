namespace FaceMesh.Media.Ffmpeg;

/// <summary>Severity that ffmpeg tags a line with when run with <c>-loglevel level+...</c>.</summary>
internal enum FfmpegLogLevel
{
    /// <summary>No level tag: a continuation of a multi-part message or foreign output.</summary>
    Untagged,
    Error,
    Warning,
    Info,
    Other,
}

/// <summary>
/// Splits one stderr line of the form "[ctx @ 0x..] [level] message" into level and message.
/// Works on bytes so the per-frame lines of the video reader cost no allocation.
/// </summary>
internal static class FfmpegLogLine
{
    public static FfmpegLogLevel Parse(ReadOnlySpan<byte> line, out ReadOnlySpan<byte> message)
    {
        var level = FfmpegLogLevel.Untagged;
        ReadOnlySpan<byte> rest = line;
        while (rest.Length > 0 && rest[0] == (byte)'[')
        {
            int close = rest.IndexOf((byte)']');
            if (close < 0) break;
            ReadOnlySpan<byte> tag = rest[1..close];
            rest = rest[(close + 1)..].TrimStart((byte)' ');
            FfmpegLogLevel tagged = LevelOf(tag);
            if (tagged != FfmpegLogLevel.Untagged) { level = tagged; break; }
        }
        message = level == FfmpegLogLevel.Untagged ? line : rest;
        return level;
    }

    private static FfmpegLogLevel LevelOf(ReadOnlySpan<byte> tag)
    {
        if (tag.SequenceEqual("error"u8) || tag.SequenceEqual("fatal"u8) || tag.SequenceEqual("panic"u8))
            return FfmpegLogLevel.Error;
        if (tag.SequenceEqual("warning"u8)) return FfmpegLogLevel.Warning;
        if (tag.SequenceEqual("info"u8)) return FfmpegLogLevel.Info;
        if (tag.SequenceEqual("verbose"u8) || tag.SequenceEqual("debug"u8) || tag.SequenceEqual("trace"u8))
            return FfmpegLogLevel.Other;
        return FfmpegLogLevel.Untagged; // a context such as "png @ 0x55..."
    }
}
