namespace FaceMesh.Landmarks;

/// <summary>
/// The ROI arithmetic shared by detection- and landmark-based ROIs (roi.md sections 1 and 3), in
/// float as MediaPipe's calculators do it.
/// </summary>
internal static class RoiGeometry
{
    /// <summary>MediaPipe enlarges the face box by half on each axis before cropping.</summary>
    public const float Scale = 1.5f;

    /// <summary>
    /// Angle that makes the line from the start point to the end point (normalised coordinates)
    /// horizontal: 0 for a level line, positive when it descends to the right on screen.
    /// </summary>
    public static float RotationFromPoints(float x0, float y0, float x1, float y1, int imageWidth, int imageHeight)
    {
        float px0 = x0 * imageWidth, py0 = y0 * imageHeight;
        float px1 = x1 * imageWidth, py1 = y1 * imageHeight;
        return NormalizeRadians(0f - MathF.Atan2(-(py1 - py0), px1 - px0));
    }

    /// <summary>Maps an angle to [-pi, pi).</summary>
    public static float NormalizeRadians(float angle) =>
        (float)(angle - 2 * Math.PI * Math.Floor((angle - -Math.PI) / (2 * Math.PI)));

    /// <summary>
    /// Centre of the box, rotation as given, size = the box's longer side in pixels (a square on
    /// screen) times <see cref="Scale"/>.
    /// </summary>
    public static NormalizedRect SquareAroundBox(in BoundingBox box, float rotation, int imageWidth, int imageHeight)
    {
        float xCenter = box.XMin + box.Width / 2;
        float yCenter = box.YMin + box.Height / 2;
        float longSide = Math.Max(box.Width * imageWidth, box.Height * imageHeight);
        float width = longSide / imageWidth, height = longSide / imageHeight;
        return new NormalizedRect(xCenter, yCenter, width * Scale, height * Scale, rotation);
    }
}
