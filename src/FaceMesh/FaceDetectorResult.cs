namespace FaceMesh;

/// <summary>
/// The faces <see cref="FaceDetector"/> found in one image, highest score first. Create one and pass
/// it to <see cref="FaceDetector.TryDetect"/> to reuse its storage frame after frame; a reused result
/// is overwritten by each call, and its <see cref="Detection"/> objects are recycled with it.
/// </summary>
public sealed class FaceDetectorResult
{
    private readonly RecycledList<Detection> _detections = new();

    /// <summary>An empty result, to be filled by <see cref="FaceDetector.TryDetect"/>.</summary>
    public FaceDetectorResult() { }

    /// <summary>The faces; empty when none was found.</summary>
    public IReadOnlyList<Detection> Detections => _detections.Items;

    /// <summary>Width of the image the detections refer to, in pixels.</summary>
    public int ImageWidth { get; private set; }

    /// <summary>Height of the image the detections refer to, in pixels.</summary>
    public int ImageHeight { get; private set; }

    internal void Reset(int imageWidth, int imageHeight)
    {
        ImageWidth = imageWidth;
        ImageHeight = imageHeight;
        _detections.Clear();
    }

    /// <summary>A detection slot appended to <see cref="Detections"/>, recycled from earlier calls when possible.</summary>
    internal Detection AddDetection() => _detections.Add(static () => new Detection());
}
