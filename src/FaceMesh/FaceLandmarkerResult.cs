namespace FaceMesh;

/// <summary>
/// The faces found in one image or video frame, in MediaPipe's order (new detections first, then
/// faces tracked from the previous frame). Create one and pass it to
/// <see cref="FaceLandmarker.TryDetect"/> / <see cref="FaceLandmarker.TryDetectForVideo"/> to reuse
/// its storage frame after frame; a reused result is overwritten by each call.
/// </summary>
public sealed class FaceLandmarkerResult
{
    private readonly RecycledList<Face> _faces = new();

    /// <summary>An empty result, to be filled by <see cref="FaceLandmarker.TryDetect"/>.</summary>
    public FaceLandmarkerResult() { }

    /// <summary>The faces; empty when none was found.</summary>
    public IReadOnlyList<Face> Faces => _faces.Items;

    /// <summary>Width of the image the result refers to, in pixels.</summary>
    public int ImageWidth { get; private set; }

    /// <summary>Height of the image the result refers to, in pixels.</summary>
    public int ImageHeight { get; private set; }

    /// <summary>The frame's timestamp in video mode, otherwise 0.</summary>
    public long TimestampMilliseconds { get; private set; }

    internal void Reset(int imageWidth, int imageHeight, long timestampMilliseconds)
    {
        ImageWidth = imageWidth;
        ImageHeight = imageHeight;
        TimestampMilliseconds = timestampMilliseconds;
        _faces.Clear();
    }

    /// <summary>A face slot appended to <see cref="Faces"/>, recycled from earlier calls when possible.</summary>
    internal Face AddFace() => _faces.Add(static () => new Face());
}
