namespace FaceMesh.Detectors;

/// <summary>
/// Intersection over union of axis-aligned boxes, in float as MediaPipe's rectangle utilities
/// compute it: boxes that only touch still "intersect" (with zero area), and a zero union gives 0.
/// </summary>
internal static class BoxOverlap
{
    public static float IntersectionOverUnion(in BoundingBox a, in BoundingBox b)
    {
        float aXMax = a.XMin + a.Width, aYMax = a.YMin + a.Height;
        float bXMax = b.XMin + b.Width, bYMax = b.YMin + b.Height;
        if (a.XMin > bXMax || aXMax < b.XMin || a.YMin > bYMax || aYMax < b.YMin) return 0f;
        float interWidth = Math.Min(aXMax, bXMax) - Math.Max(a.XMin, b.XMin);
        float interHeight = Math.Min(aYMax, bYMax) - Math.Max(a.YMin, b.YMin);
        float intersection = interWidth * interHeight;
        float union = (aXMax - a.XMin) * (aYMax - a.YMin) + (bXMax - b.XMin) * (bYMax - b.YMin) - intersection;
        return union > 0f ? intersection / union : 0f;
    }
}
