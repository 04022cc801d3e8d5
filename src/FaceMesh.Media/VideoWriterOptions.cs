using FaceMesh.Imaging;

namespace FaceMesh.Media;

/// <summary>How <see cref="VideoWriter"/> encodes.</summary>
public sealed record VideoWriterOptions
{
    /// <summary>Pixel layout of the frames that will be written.</summary>
    public PixelFormat InputFormat { get; init; } = PixelFormat.Rgb24;

    /// <summary>
    /// Frames are written as <see cref="Yuv420"/> planes (<see cref="PixelFormat.Gray8"/> views of width x
    /// <see cref="Yuv420.BufferHeight"/>), which the encoder takes as they are: no colour conversion, half
    /// the bytes through the pipe. Needs an even size. <see cref="InputFormat"/> is then ignored.
    /// </summary>
    public bool Yuv420Input { get; init; }

    /// <summary>
    /// A media file whose audio streams are muxed into the output (stream-copied when the output
    /// container accepts the codec, otherwise re-encoded to AAC). Null for a silent video.
    /// </summary>
    public string? AudioSourcePath { get; init; }

    /// <summary>
    /// Visual quality, 0 (best) to 51, on libx264's CRF scale; mapped to a comparable quantiser
    /// when the MPEG-4 fallback encoder is used.
    /// </summary>
    public int Quality { get; init; } = 18;

    /// <summary>Preferred video encoder; null picks libx264 when available, else mpeg4.</summary>
    public string? VideoEncoder { get; init; }

    /// <summary>How long disposing an unfinished writer waits for ffmpeg to finalise the file.</summary>
    public TimeSpan FinaliseTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
