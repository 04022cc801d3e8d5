namespace FaceMesh.Tracking;

/// <summary>A ROI to run the landmark model on, and where it came from.</summary>
/// <param name="Rect">The crop region.</param>
/// <param name="DetectionIndex">Index into this frame's detections, or -1 for a tracked ROI.</param>
/// <param name="PreviousFace">Index of the previous frame's face it continues, or -1 for a new face.</param>
internal readonly record struct RoiSource(NormalizedRect Rect, int DetectionIndex, int PreviousFace)
{
    public static RoiSource FromDetection(NormalizedRect rect, int detectionIndex) => new(rect, detectionIndex, -1);

    public static RoiSource FromPreviousFace(NormalizedRect rect, int previousFace) => new(rect, -1, previousFace);
}
