using System.Numerics;

namespace FaceMesh.Cli.Puppet;

/// <summary>
/// The mesh is open at the eyes and the mouth; a dark surface just behind each opening, spanned
/// by its rim, makes a blink or an open mouth read at a glance instead of showing the background.
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
