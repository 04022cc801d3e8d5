using System.Collections.Immutable;
using System.Numerics;
using FaceMesh.Imaging;

namespace FaceMesh.Effects;

/// <summary>
/// Draws one face's landmarks, given in pixel coordinates of <c>image</c> (x right, y down, as
/// the landmarker returns them after projection; z is ignored). Accepts 468 points or refined
/// 478 points; irises need the latter.
/// </summary>
public static class MeshPainter
{
    /// <summary>Points of the plain mesh.</summary>
    public const int LandmarkCount = 468;
    /// <summary>Points of the attention mesh (irises included).</summary>
    public const int RefinedLandmarkCount = 478;

    /// <summary>Draws landmarks in pixels (x, y; z is ignored), e.g. from <c>Face.GetPixelLandmark</c>.</summary>
    /// <exception cref="ArgumentException">Not 468 or 478 landmarks.</exception>
    public static void Draw(ImageBuffer image, ReadOnlySpan<Vector3> landmarks, MeshLayers layers = MeshLayers.Default, MeshStyle? style = null)
    {
        CheckCount(landmarks.Length);
        Span<Vector2> points = stackalloc Vector2[landmarks.Length];
        for (int i = 0; i < points.Length; i++) points[i] = new Vector2(landmarks[i].X, landmarks[i].Y);
        Draw(image, points, layers, style);
    }

    /// <summary>Draws landmarks given in pixels; non-finite points are skipped with their edges.</summary>
    /// <exception cref="ArgumentException">Not 468 or 478 landmarks.</exception>
    public static void Draw(ImageBuffer image, ReadOnlySpan<Vector2> landmarks, MeshLayers layers = MeshLayers.Default, MeshStyle? style = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        CheckCount(landmarks.Length);
        style ??= new MeshStyle();
        if (layers.HasFlag(MeshLayers.Tesselation))
            Edges(image, landmarks, FaceMeshConnections.Tesselation, style.TesselationColor, style.TesselationWidth);
        if (layers.HasFlag(MeshLayers.Contours))
        {
            Edges(image, landmarks, FaceMeshConnections.FaceOval, style.FaceOvalColor, style.ContourWidth);
            Edges(image, landmarks, FaceMeshConnections.Lips, style.LipsColor, style.ContourWidth);
            Edges(image, landmarks, FaceMeshConnections.RightEye, style.RightFeatureColor, style.ContourWidth);
            Edges(image, landmarks, FaceMeshConnections.RightEyebrow, style.RightFeatureColor, style.ContourWidth);
            Edges(image, landmarks, FaceMeshConnections.LeftEye, style.LeftFeatureColor, style.ContourWidth);
            Edges(image, landmarks, FaceMeshConnections.LeftEyebrow, style.LeftFeatureColor, style.ContourWidth);
        }
        if (layers.HasFlag(MeshLayers.Irises) && landmarks.Length >= RefinedLandmarkCount)
        {
            Edges(image, landmarks, FaceMeshConnections.RightIris, style.RightFeatureColor, style.IrisWidth);
            Edges(image, landmarks, FaceMeshConnections.LeftIris, style.LeftFeatureColor, style.IrisWidth);
        }
        if (layers.HasFlag(MeshLayers.Points))
        {
            foreach (Vector2 point in landmarks) Effects.Draw.Circle(image, point, style.PointRadius, style.PointColor);
        }
    }

    private static void Edges(ImageBuffer image, ReadOnlySpan<Vector2> landmarks, ImmutableArray<LandmarkConnection> edges, Rgb color, float width)
    {
        foreach (LandmarkConnection edge in edges)
            Effects.Draw.Line(image, landmarks[edge.Start], landmarks[edge.End], color, width);
    }

    private static void CheckCount(int count)
    {
        if (count is not (LandmarkCount or RefinedLandmarkCount))
            throw new ArgumentException($"Expected {LandmarkCount} or {RefinedLandmarkCount} landmarks, got {count}.", "landmarks");
    }
}
