using System.Numerics;
using FaceMesh.Geometry;

namespace FaceMesh.Thorough;

/// <summary>
/// Which mesh point is each point's mirror image (left eye corner for right eye corner, and so on),
/// found on MediaPipe's canonical face, which is symmetric about x = 0: the mirror of vertex k is
/// the vertex nearest to k with x negated. Points on the symmetry plane are their own mirror.
/// </summary>
internal static class MeshSymmetry
{
    private static readonly Lazy<int[]> Table = new(Build);

    /// <summary>Mirror index of each of the 468 mesh points.</summary>
    public static ReadOnlySpan<int> Mirror => Table.Value;

    private static int[] Build()
    {
        ReadOnlySpan<Vector3> positions = CanonicalFaceModel.Default.Positions;
        var mirror = new int[positions.Length];
        for (int k = 0; k < positions.Length; k++)
        {
            var reflected = positions[k] with { X = -positions[k].X };
            int best = 0;
            float bestDistance = float.MaxValue;
            for (int j = 0; j < positions.Length; j++)
            {
                float d = Vector3.DistanceSquared(reflected, positions[j]);
                if (d < bestDistance) (best, bestDistance) = (j, d);
            }
            mirror[k] = best;
        }
        return mirror;
    }
}
