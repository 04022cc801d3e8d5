using System.Numerics;

namespace FaceMesh.Puppeteering.Tests;

/// <summary>
/// Known deformations of a 468-vertex face (cm, y up): what a tracked expression does to the metric
/// mesh, made smooth enough that the source itself never folds.
/// </summary>
internal static class Expressions
{
    public static readonly int[] UpperInnerLip = [191, 80, 81, 82, 13, 312, 311, 310, 415];
    public static readonly int[] LowerInnerLip = [95, 88, 178, 87, 14, 317, 402, 318, 324];
    public static readonly int[] UpperOuterLip = [185, 40, 39, 37, 0, 267, 269, 270, 409];
    public static readonly int[] LowerOuterLip = [146, 91, 181, 84, 17, 314, 405, 321, 375];
    public static readonly (int Upper, int Lower)[] RightEyelids = [(246, 7), (161, 163), (160, 144), (159, 145), (158, 153), (157, 154), (173, 155)];
    public static readonly (int Upper, int Lower)[] LeftEyelids = [(466, 249), (388, 390), (387, 373), (386, 374), (385, 380), (384, 381), (398, 382)];
    public static readonly int[] RightBrow = [70, 63, 105, 66, 107, 46, 53, 52, 65, 55];
    public static readonly int[] LeftBrow = [300, 293, 334, 296, 336, 276, 283, 282, 295, 285];
    public const int MouthCornerRight = 61, MouthCornerLeft = 291;

    public static Vector3[] Named(string name, ReadOnlySpan<Vector3> face, float amount = 1f) => name switch
    {
        "jawOpen" => JawOpen(face, 1.2f * amount),
        "eyesClosed" => EyesClosed(face, 0.9f * amount),
        "browsUp" => BrowsUp(face, 0.6f * amount),
        "smile" => Smile(face, 0.5f * amount),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    /// <summary>Everything below the lips' parting line drops by <paramref name="cm"/> (the corners half as far), fading out towards the ears.</summary>
    public static Vector3[] JawOpen(ReadOnlySpan<Vector3> face, float cm)
    {
        Vector3[] result = face.ToArray();
        float parting = 0.5f * (face[13].Y + face[14].Y);
        var lower = new HashSet<int>([.. LowerInnerLip, .. LowerOuterLip]);
        var upper = new HashSet<int>([.. UpperInnerLip, .. UpperOuterLip]);
        var corners = new HashSet<int>([MouthCornerRight, MouthCornerLeft, 78, 308]);
        float mouthWidth = MathF.Abs(face[MouthCornerLeft].X - face[MouthCornerRight].X);
        for (int i = 0; i < face.Length; i++)
        {
            float below = corners.Contains(i) ? 0.5f : lower.Contains(i) ? 1f : upper.Contains(i) ? 0f : face[i].Y < parting ? 1f : 0f;
            float sideways = Math.Clamp(2f - MathF.Abs(face[i].X) / mouthWidth, 0f, 1f);
            result[i].Y -= cm * below * sideways;
        }
        return result;
    }

    /// <summary>Each upper eyelid point moves <paramref name="fraction"/> of the way to the lower lid point below it (half that beside the corners).</summary>
    public static Vector3[] EyesClosed(ReadOnlySpan<Vector3> face, float fraction)
    {
        Vector3[] result = face.ToArray();
        foreach ((int upper, int lower) in RightEyelids.Concat(LeftEyelids))
        {
            // Beside the corners the lid is short: going all the way would cross the corner's edge.
            bool besideCorner = upper is 246 or 173 or 466 or 398;
            result[upper] = Vector3.Lerp(face[upper], face[lower], besideCorner ? 0.5f * fraction : fraction);
        }
        return result;
    }

    /// <summary>Both brows rise by <paramref name="cm"/>, the skin around following with a Gaussian falloff.</summary>
    public static Vector3[] BrowsUp(ReadOnlySpan<Vector3> face, float cm) =>
        Falloff(face, [Centroid(face, RightBrow), Centroid(face, LeftBrow)], 1.5f, side => new Vector3(0, cm, 0));

    /// <summary>The mouth corners move out and up by <paramref name="cm"/>, the cheeks following.</summary>
    public static Vector3[] Smile(ReadOnlySpan<Vector3> face, float cm) =>
        Falloff(face, [face[MouthCornerRight], face[MouthCornerLeft]], 1.0f,
            side => new Vector3(side == 0 ? -cm : cm, 0.6f * cm, -0.2f * cm));

    public static float Gap(ReadOnlySpan<Vector3> face) => face[13].Y - face[14].Y;

    public static float MouthWidth(ReadOnlySpan<Vector3> face) => face[MouthCornerLeft].X - face[MouthCornerRight].X;

    private static Vector3[] Falloff(ReadOnlySpan<Vector3> face, Vector3[] centres, float sigma, Func<int, Vector3> move)
    {
        Vector3[] result = face.ToArray();
        for (int i = 0; i < face.Length; i++)
            for (int side = 0; side < centres.Length; side++)
            {
                float d2 = Vector3.DistanceSquared(face[i], centres[side]);
                result[i] += MathF.Exp(-d2 / (sigma * sigma)) * move(side);
            }
        return result;
    }

    private static Vector3 Centroid(ReadOnlySpan<Vector3> face, int[] indices)
    {
        Vector3 sum = Vector3.Zero;
        foreach (int i in indices) sum += face[i];
        return sum / indices.Length;
    }
}
