using System.Numerics;
using FaceMesh.Geometry;

namespace FaceMesh.Cli.Tests;

/// <summary>Landmarks for drawing tests: the canonical face seen from the front (y down), turned in the image plane.</summary>
internal static class TurnedCanonicalFace
{
    /// <summary>The 468 canonical points turned by <paramref name="turn"/> radians, in an array of <paramref name="length"/> (later points zero), not yet placed or scaled.</summary>
    public static Vector3[] Points(float turn, int length)
    {
        ReadOnlySpan<Vector3> canonical = CanonicalFaceModel.Default.Positions;
        var points = new Vector3[length];
        var rotation = Matrix3x2.CreateRotation(turn);
        for (int i = 0; i < canonical.Length; i++)
        {
            Vector2 p = Vector2.Transform(new Vector2(canonical[i].X, -canonical[i].Y), rotation);
            points[i] = new Vector3(p, 0);
        }
        return points;
    }
}
