namespace FaceMesh.Batch;

/// <summary>The faces of one image or video frame (possibly none).</summary>
/// <param name="Frame">0-based frame index; 0 for an image.</param>
/// <param name="TimestampMs">Presentation time in milliseconds; null for an image.</param>
/// <param name="Faces">One record per face found.</param>
public sealed record FrameRecords(long Frame, double? TimestampMs, IReadOnlyList<FaceRecord> Faces);
