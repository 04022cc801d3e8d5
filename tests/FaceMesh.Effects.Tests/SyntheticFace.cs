using System.Numerics;

namespace FaceMesh.Effects.Tests;

/// <summary>
/// 478 landmarks in pixel coordinates where only the lips are meaningful: the outer and inner lip
/// rings are placed on ellipses (upper chains on the top half, lower chains on the bottom half),
/// every other landmark sits at the mouth centre.
/// </summary>
internal static class SyntheticFace
{
    // Corner to corner, as listed in shared/spec/connections.md.
    public static readonly int[] OuterLower = [61, 146, 91, 181, 84, 17, 314, 405, 321, 375, 291];
    public static readonly int[] OuterUpper = [61, 185, 40, 39, 37, 0, 267, 269, 270, 409, 291];
    public static readonly int[] InnerLower = [78, 95, 88, 178, 87, 14, 317, 402, 318, 324, 308];
    public static readonly int[] InnerUpper = [78, 191, 80, 81, 82, 13, 312, 311, 310, 415, 308];

    public static Vector2[] Lips(Vector2 center, Vector2 outerRadii, Vector2 innerRadii)
    {
        var points = new Vector2[478];
        Array.Fill(points, center);
        PlaceChain(points, OuterLower, center, outerRadii, lower: true);
        PlaceChain(points, OuterUpper, center, outerRadii, lower: false);
        PlaceChain(points, InnerLower, center, innerRadii, lower: true);
        PlaceChain(points, InnerUpper, center, innerRadii, lower: false);
        return points;
    }

    /// <summary>True when the point is inside the ellipse scaled by <paramref name="scale"/>.</summary>
    public static bool InEllipse(Vector2 point, Vector2 center, Vector2 radii, float scale = 1f)
    {
        Vector2 d = (point - center) / (radii * scale);
        return d.LengthSquared() < 1f;
    }

    private static void PlaceChain(Vector2[] points, int[] chain, Vector2 center, Vector2 radii, bool lower)
    {
        for (int k = 0; k < chain.Length; k++)
        {
            float angle = MathF.PI * k / (chain.Length - 1); // 0 = left corner, pi = right corner
            float y = radii.Y * MathF.Sin(angle);
            points[chain[k]] = center + new Vector2(-radii.X * MathF.Cos(angle), lower ? y : -y);
        }
    }
}
