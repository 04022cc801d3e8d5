namespace FaceMesh.Landmarks;

/// <summary>
/// The next frame's ROI from this frame's (unsmoothed) landmarks (roi.md section 3): bounding box
/// of all points, rotation from the outer eye corners 33 -> 263, 1.5x square on the longer side.
/// </summary>
internal static class RoiFromLandmarks
{
    public const int RotationStart = 33;
    public const int RotationEnd = 263;

    public static NormalizedRect Compute(ReadOnlySpan<NormalizedLandmark> landmarks, int imageWidth, int imageHeight)
    {
        if (landmarks.Length <= RotationEnd)
            throw new ArgumentException($"Need at least {RotationEnd + 1} landmarks, got {landmarks.Length}.", nameof(landmarks));

        // MediaPipe starts its maxima at the smallest positive float, not at -infinity.
        float xMin = float.MaxValue, yMin = float.MaxValue, xMax = 1.17549435e-38f, yMax = 1.17549435e-38f;
        foreach (NormalizedLandmark p in landmarks)
        {
            xMin = Math.Min(xMin, p.X);
            yMin = Math.Min(yMin, p.Y);
            xMax = Math.Max(xMax, p.X);
            yMax = Math.Max(yMax, p.Y);
        }

        NormalizedLandmark start = landmarks[RotationStart], end = landmarks[RotationEnd];
        float rotation = RoiGeometry.RotationFromPoints(start.X, start.Y, end.X, end.Y, imageWidth, imageHeight);
        return RoiGeometry.SquareAroundBox(new BoundingBox(xMin, yMin, xMax - xMin, yMax - yMin), rotation, imageWidth, imageHeight);
    }
}
