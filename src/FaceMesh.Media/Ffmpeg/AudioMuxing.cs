namespace FaceMesh.Media.Ffmpeg;

/// <summary>Whether an audio codec can be stream-copied into the output container.</summary>
internal static class AudioMuxing
{
    public static bool CanCopy(string audioCodec, string outputPath)
    {
        string extension = Path.GetExtension(outputPath).ToLowerInvariant();
        return extension switch
        {
            ".mp4" or ".m4v" => audioCodec is "aac" or "mp3" or "ac3" or "eac3" or "alac" or "opus",
            ".mov" => audioCodec is "aac" or "mp3" or "ac3" or "eac3" or "alac" || audioCodec.StartsWith("pcm_", StringComparison.Ordinal),
            ".webm" => audioCodec is "opus" or "vorbis",
            ".avi" => audioCodec is "mp3" or "ac3" || audioCodec.StartsWith("pcm_", StringComparison.Ordinal),
            _ => true, // Matroska and unknown containers: let ffmpeg try
        };
    }
}
