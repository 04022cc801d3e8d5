using System.Globalization;
using System.Text.Json;

namespace FaceMesh.Media.Ffmpeg;

/// <summary>Builds <see cref="VideoInfo"/> from ffprobe's JSON.</summary>
internal static class VideoProbe
{
    /// <summary>
    /// The probed info, which video stream (among video streams) it describes, and the demuxer
    /// that recognised the file (to force when decoding, so decoding cannot pick another).
    /// </summary>
    /// <param name="demuxer">Forced demuxer when the magic bytes already tell, else null.</param>
    public static async Task<(VideoInfo Info, int VideoOrdinal, string Demuxer)> ProbeAsync(
        string path, string kind, long maxPixels, CancellationToken cancellationToken, string? demuxer = null)
    {
        using JsonDocument document = await ProbeRunner.ProbeAsync(path, kind, cancellationToken, demuxer, maxPixels).ConfigureAwait(false);
        JsonElement root = document.RootElement;
        string? formatName = root.TryGetProperty("format", out JsonElement format) ? GetString(format, "format_name") : null;
        if (string.IsNullOrEmpty(formatName)) throw new MediaException($"Cannot read {kind} '{path}': ffprobe names no format");
        (VideoInfo info, int ordinal) = FromJson(path, root);
        return (info, ordinal, InputPolicy.DemuxerOf(formatName));
    }

    internal static (VideoInfo Info, int VideoOrdinal) FromJson(string path, JsonElement root)
    {
        JsonElement? video = null;
        string? audioCodec = null;
        int videoOrdinal = -1, ordinal = 0;
        if (root.TryGetProperty("streams", out JsonElement streams))
        {
            foreach (JsonElement stream in streams.EnumerateArray())
            {
                string? type = GetString(stream, "codec_type");
                if (type == "audio") audioCodec ??= GetString(stream, "codec_name") ?? "unknown";
                if (type != "video") continue;
                // Cover art in audio files and some phone videos is a "video" stream of one still.
                if (video is null && !IsAttachedPicture(stream)) { video = stream; videoOrdinal = ordinal; }
                ordinal++;
            }
        }
        if (video is not { } v) throw new MediaException($"Cannot read video '{path}': it has no video stream");

        int codedWidth = GetInt(v, "width") ?? 0, codedHeight = GetInt(v, "height") ?? 0;
        if (codedWidth <= 0 || codedHeight <= 0)
            throw new MediaException($"Cannot read video '{path}': unrecognised or corrupt data (ffprobe finds no frame size)");
        double rotation = Rotation(v);
        bool quarterTurn = Math.Abs(Math.IEEERemainder(rotation, 180)) is > 45;
        int width = quarterTurn ? codedHeight : codedWidth, height = quarterTurn ? codedWidth : codedHeight;

        if (!Rational.TryParse(GetString(v, "avg_frame_rate"), out Rational rate)
            && !Rational.TryParse(GetString(v, "r_frame_rate"), out rate))
            throw new MediaException($"Cannot read video '{path}': ffprobe reports no frame rate");

        long? frames = long.TryParse(GetString(v, "nb_frames"), NumberStyles.Integer, CultureInfo.InvariantCulture, out long n) && n > 0 ? n : null;
        TimeSpan? duration = Seconds(GetString(v, "duration"))
            ?? (root.TryGetProperty("format", out JsonElement format) ? Seconds(GetString(format, "duration")) : null);

        var info = new VideoInfo(path, width, height, codedWidth, codedHeight, rotation, rate, frames, duration,
            GetString(v, "codec_name") ?? "unknown", audioCodec);
        return (info, videoOrdinal);
    }

    /// <summary>Display-matrix side data (current ffmpeg) or the legacy "rotate" tag.</summary>
    private static double Rotation(JsonElement stream)
    {
        if (stream.TryGetProperty("side_data_list", out JsonElement sideData))
        {
            foreach (JsonElement item in sideData.EnumerateArray())
            {
                if (item.TryGetProperty("rotation", out JsonElement r) && r.TryGetDouble(out double degrees))
                    return degrees;
            }
        }
        if (stream.TryGetProperty("tags", out JsonElement tags)
            && double.TryParse(GetString(tags, "rotate"), NumberStyles.Float, CultureInfo.InvariantCulture, out double tagged))
            return tagged;
        return 0;
    }

    private static bool IsAttachedPicture(JsonElement stream) =>
        stream.TryGetProperty("disposition", out JsonElement d) && GetInt(d, "attached_pic") == 1;

    private static TimeSpan? Seconds(string? text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double s) && s >= 0 && double.IsFinite(s)
            ? TimeSpan.FromSeconds(s) : null;

    private static string? GetString(JsonElement element, string name) =>
        element.TryGetProperty(name, out JsonElement value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            }
            : null;

    private static int? GetInt(JsonElement element, string name) =>
        int.TryParse(GetString(element, name), NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) ? value : null;
}
