using FaceMesh.Imaging;

namespace FaceMesh.Media;

/// <summary>
/// One decoded frame. <see cref="Image"/> is a buffer the reader reuses: it is valid (and may be
/// drawn on) until the enumerator advances; copy it to keep it longer. Do not dispose it.
/// </summary>
/// <param name="Index">0-based position in decoding output order.</param>
/// <param name="TimestampMs">Presentation time in milliseconds from the start of the stream,
/// taken from the frame's own pts as ffmpeg reports it (so variable frame rate is exact). Only if
/// ffmpeg did not report it is it computed as index / frame rate; see <see cref="TimestampFromStream"/>.</param>
/// <param name="TimestampFromStream">True when <see cref="TimestampMs"/> came from the stream's pts.</param>
public readonly record struct VideoFrame(long Index, double TimestampMs, bool TimestampFromStream, ImageBuffer Image);
