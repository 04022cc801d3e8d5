namespace FaceMesh.Media;

/// <summary>
/// What a video file declares, as probed before decoding.
/// </summary>
/// <param name="Path">The file.</param>
/// <param name="Width">Width of the frames <see cref="VideoReader"/> yields: the upright size, i.e.
/// the coded size with width and height swapped when the display rotation is 90 or 270 degrees.</param>
/// <param name="Height">Height of the yielded frames (upright).</param>
/// <param name="CodedWidth">Width as stored in the stream, before rotation.</param>
/// <param name="CodedHeight">Height as stored in the stream, before rotation.</param>
/// <param name="Rotation">Display rotation in degrees as ffprobe reports it (0 when none). ffmpeg
/// applies it while decoding, so frames come out upright.</param>
/// <param name="FrameRate">Average frame rate (falls back to the stream's base rate when the
/// average is unknown). Use it to encode at the same rate.</param>
/// <param name="FrameCount">Number of frames the container declares, or null when it does not
/// say. A damaged file may deliver fewer.</param>
/// <param name="Duration">Declared duration, or null.</param>
/// <param name="VideoCodec">ffmpeg's codec name, e.g. "h264".</param>
/// <param name="AudioCodec">Codec of the first audio stream, or null when there is no audio.</param>
public sealed record VideoInfo(
    string Path,
    int Width,
    int Height,
    int CodedWidth,
    int CodedHeight,
    double Rotation,
    Rational FrameRate,
    long? FrameCount,
    TimeSpan? Duration,
    string VideoCodec,
    string? AudioCodec)
{
    public bool HasAudio => AudioCodec is not null;
}
