namespace FaceMesh.Landmarks;

/// <summary>
/// Crop-normalised points -> normalised image coordinates through the ROI they were cropped from
/// (landmarks.md section 6). Exact only because ROIs are square in pixels. z is scaled by the
/// ROI width, i.e. ends up in units of the image width.
/// </summary>
internal static class LandmarkProjection
{
    public static void Project(Span<NormalizedLandmark> landmarks, in NormalizedRect roi)
    {
        float cos = MathF.Cos(roi.Rotation), sin = MathF.Sin(roi.Rotation);
        for (int k = 0; k < landmarks.Length; k++)
        {
            NormalizedLandmark p = landmarks[k];
            float dx = p.X - 0.5f, dy = p.Y - 0.5f;
            float x = cos * dx - sin * dy;
            float y = sin * dx + cos * dy;
            landmarks[k] = new NormalizedLandmark(x * roi.Width + roi.XCenter, y * roi.Height + roi.YCenter, p.Z * roi.Width);
        }
    }
}
