using System.Text.Json;

namespace FaceMesh.Cli.Tests.Support;

/// <summary>ffmpeg to make test clips and ffprobe to check what the CLI wrote.</summary>
internal static class MediaTools
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(1);

    public static void Ffmpeg(params string[] arguments)
    {
        ToolRun run = ToolRun.Start("ffmpeg", ["-hide_banner", "-nostdin", "-v", "error", "-y", .. arguments], Timeout);
        if (run.ExitCode != 0) throw new InvalidOperationException($"ffmpeg {string.Join(' ', arguments)} failed: {run.Stderr}");
    }

    /// <summary>Every stream of a media file, with frames counted by decoding (nb_read_frames).</summary>
    public static IReadOnlyList<ProbedStream> Probe(string path)
    {
        ToolRun run = ToolRun.Start("ffprobe",
            ["-v", "error", "-count_frames", "-show_entries", "stream=codec_type,width,height,r_frame_rate,nb_read_frames", "-of", "json", path], Timeout);
        if (run.ExitCode != 0) throw new InvalidOperationException($"ffprobe {path} failed: {run.Stderr}");
        using JsonDocument json = JsonDocument.Parse(run.Stdout);
        return [.. json.RootElement.GetProperty("streams").EnumerateArray().Select(ProbedStream.From)];
    }

    public static ProbedStream Video(string path) => Probe(path).Single(s => s.CodecType == "video");
}

internal sealed record ProbedStream(string CodecType, int Width, int Height, string FrameRate, long Frames)
{
    public static ProbedStream From(JsonElement s) => new(
        s.GetProperty("codec_type").GetString()!,
        s.TryGetProperty("width", out JsonElement w) ? w.GetInt32() : 0,
        s.TryGetProperty("height", out JsonElement h) ? h.GetInt32() : 0,
        s.TryGetProperty("r_frame_rate", out JsonElement r) ? r.GetString()! : "",
        s.TryGetProperty("nb_read_frames", out JsonElement n) && long.TryParse(n.GetString(), out long frames) ? frames : -1);
}
