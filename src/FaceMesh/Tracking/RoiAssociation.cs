using FaceMesh.Detectors;

namespace FaceMesh.Tracking;

/// <summary>
/// MediaPipe 0.4's AssociationNormRectCalculator (roi.md section 4): ROIs are appended in order
/// (this frame's detections first, then the previous frame's tracked ROIs) and each one evicts
/// every ROI already in the list that it overlaps by IoU above the threshold (MediaPipe: 0.5), rotation ignored. So a tracked
/// ROI replaces a re-detection of the same face. The result is not clipped to the face limit.
/// </summary>
internal static class RoiAssociation
{
    /// <summary>Replaces the contents of <paramref name="merged"/> with the association of both lists.</summary>
    public static void Merge(List<RoiSource> detected, List<RoiSource> tracked, List<RoiSource> merged, float minSimilarity)
    {
        merged.Clear();
        foreach (RoiSource roi in detected) Add(roi, merged, minSimilarity);
        foreach (RoiSource roi in tracked) Add(roi, merged, minSimilarity);
    }

    /// <summary>Whether <paramref name="rect"/> overlaps any of <paramref name="rois"/> by IoU above <paramref name="minSimilarity"/>, rotation ignored.</summary>
    public static bool Overlaps(in NormalizedRect rect, List<RoiSource> rois, float minSimilarity)
    {
        BoundingBox box = AxisAligned(rect);
        foreach (RoiSource other in rois)
            if (BoxOverlap.IntersectionOverUnion(box, AxisAligned(other.Rect)) > minSimilarity) return true;
        return false;
    }

    private static void Add(in RoiSource roi, List<RoiSource> merged, float minSimilarity)
    {
        BoundingBox box = AxisAligned(roi.Rect);
        for (int i = merged.Count - 1; i >= 0; i--)
            if (BoxOverlap.IntersectionOverUnion(box, AxisAligned(merged[i].Rect)) > minSimilarity) merged.RemoveAt(i);
        merged.Add(roi);
    }

    private static BoundingBox AxisAligned(in NormalizedRect r) =>
        new(r.XCenter - r.Width / 2, r.YCenter - r.Height / 2, r.Width, r.Height);
}
