using System.Numerics;

namespace FaceMesh.Cli.Puppet;

/// <summary>
/// Eyes and mouth as openings: MediaPipe's topology closes them with triangles spanned between
/// the lids and between the lips, which would render as skin. Dropping those membranes and putting
/// a dark surface just behind each opening makes a blink or an open mouth read at a glance.
/// </summary>
internal static class AvatarCavities
{
    // Rims in MediaPipe's landmark numbering, each a closed loop.
    private static readonly int[] RightEyeRim = [33, 7, 163, 144, 145, 153, 154, 155, 133, 173, 157, 158, 159, 160, 161, 246];
    private static readonly int[] LeftEyeRim = [263, 249, 390, 373, 374, 380, 381, 382, 362, 398, 384, 385, 386, 387, 388, 466];
    private static readonly int[] MouthRim = [78, 95, 88, 178, 87, 14, 317, 402, 318, 324, 308, 415, 310, 311, 312, 13, 82, 81, 80, 191];
    private static readonly int[][] Rims = [RightEyeRim, LeftEyeRim, MouthRim];

    /// <summary>Vertices after the avatar's own: one centre per rim.</summary>
    public const int ExtraVertices = 3;

    /// <summary>The avatar's triangles without those whose three corners all lie on one rim (the membranes across the openings).</summary>
    public static int[] WithoutMembranes(ReadOnlySpan<int> triangles)
    {
        var kept = new List<int>(triangles.Length);
        for (int t = 0; t + 2 < triangles.Length; t += 3)
        {
            bool membrane = false;
            foreach (int[] rim in Rims)
                membrane |= rim.Contains(triangles[t]) && rim.Contains(triangles[t + 1]) && rim.Contains(triangles[t + 2]);
            if (!membrane) kept.AddRange([triangles[t], triangles[t + 1], triangles[t + 2]]);
        }
        return [.. kept];
    }

    /// <summary>Triangles fanning from each rim's centre (vertex <c>avatarVertexCount + k</c>) to its rim.</summary>
    public static int[] Triangles(int avatarVertexCount)
    {
        var triangles = new List<int>();
        for (int k = 0; k < Rims.Length; k++)
            for (int i = 0; i < Rims[k].Length; i++)
                triangles.AddRange([avatarVertexCount + k, Rims[k][i], Rims[k][(i + 1) % Rims[k].Length]]);
        return [.. triangles];
    }

    /// <summary>
    /// Writes the rims' centres after the posed avatar vertices, pushed away from the viewer by
    /// <paramref name="depth"/> so the lids and lips always cover them.
    /// </summary>
    public static void PlaceCentres(Span<Vector3> posed, int avatarVertexCount, float depth)
    {
        for (int k = 0; k < ExtraVertices; k++)
        {
            Vector3 sum = Vector3.Zero;
            foreach (int i in Rims[k]) sum += posed[i];
            posed[avatarVertexCount + k] = sum / Rims[k].Length - new Vector3(0, 0, depth);
        }
    }
}
