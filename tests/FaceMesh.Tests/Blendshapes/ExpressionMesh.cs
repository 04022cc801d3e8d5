using System.Numerics;
using FaceMesh.Geometry;

namespace FaceMesh.Tests.Blendshapes;

/// <summary>
/// A metric face mesh with iris points that tests deform by known amounts: the canonical model (with
/// irises placed at the eye centres) or a real face's metric mesh. "Left" is the subject's left (+x).
/// </summary>
internal sealed class ExpressionMesh
{
    private static readonly int[] LeftUpperLid = [387, 386, 385], LeftLowerLid = [373, 374, 380];
    private static readonly int[] LeftBrowOuter = [300, 276, 293, 283];
    private static readonly int[] BrowInner = [107, 55, 66, 65, 336, 285, 296, 295];

    public ExpressionMesh(ReadOnlySpan<Vector3> mesh, ReadOnlySpan<Vector3> iris)
    {
        Mesh = mesh.ToArray();
        Iris = iris.IsEmpty ? IrisAtEyeCentres(Mesh) : iris.ToArray();
    }

    public Vector3[] Mesh { get; }

    public Vector3[] Iris { get; }

    public static ExpressionMesh Canonical() => new(CanonicalFaceModel.Default.Positions, []);

    public ExpressionMesh Clone() => new(Mesh, Iris);

    /// <summary>This face's eye-centre spacing over the canonical one: lengths in scores are divided by it.</summary>
    public float Scale
    {
        get
        {
            static float Spacing(ReadOnlySpan<Vector3> m) => Vector3.Distance(0.5f * (m[33] + m[133]), 0.5f * (m[263] + m[362]));
            return Spacing(Mesh) / Spacing(CanonicalFaceModel.Default.Positions);
        }
    }

    /// <summary>Drops the lower lip, chin and jaw (everything below the lips' midline but the mouth corners) by <paramref name="cm"/>.</summary>
    public ExpressionMesh OpenJaw(float cm)
    {
        float lipsMidline = 0.5f * (Mesh[13].Y + Mesh[14].Y);
        float halfMouth = 0.5f * Vector3.Distance(Mesh[61], Mesh[291]);
        float midline = 0.5f * (Mesh[61].X + Mesh[291].X);
        for (int i = 0; i < Mesh.Length; i++)
        {
            float side = MathF.Abs(Mesh[i].X - midline);
            bool nearLips = Mesh[i].Y > lipsMidline - 0.5f * Scale;
            if (Mesh[i].Y < lipsMidline && side < (nearLips ? 0.7f * halfMouth : halfMouth + 0.5f * Scale)) Mesh[i].Y -= cm;
        }
        return this;
    }

    /// <summary>Moves the subject's left upper eyelid down by <paramref name="fraction"/> of its gap to the lower lid.</summary>
    public ExpressionMesh CloseLeftEye(float fraction)
    {
        for (int k = 0; k < LeftUpperLid.Length; k++)
            Mesh[LeftUpperLid[k]] -= fraction * (Mesh[LeftUpperLid[k]] - Mesh[LeftLowerLid[k]]);
        return this;
    }

    public ExpressionMesh RaiseLeftOuterBrow(float cm) => Move(LeftBrowOuter, new Vector3(0, cm, 0));

    public ExpressionMesh RaiseInnerBrows(float cm) => Move(BrowInner, new Vector3(0, cm, 0));

    /// <summary>Moves both mouth corners outwards by <paramref name="cm"/> each.</summary>
    public ExpressionMesh WidenMouth(float cm)
    {
        Mesh[291].X += cm;
        Mesh[61].X -= cm;
        return this;
    }

    public ExpressionMesh RaiseMouthCorners(float cm) => Move([61, 291], new Vector3(0, cm, 0));

    /// <summary>Moves the subject's left iris towards the outer eye corner by <paramref name="eyeWidths"/> eye widths.</summary>
    public ExpressionMesh LookLeftOut(float eyeWidths)
    {
        Vector3 step = (Mesh[263] - Mesh[362]) * eyeWidths;
        step.Z = 0;
        for (int i = 5; i < 10; i++) Iris[i] += step;
        return this;
    }

    private ExpressionMesh Move(int[] indices, Vector3 by)
    {
        foreach (int i in indices) Mesh[i] += by;
        return this;
    }

    private static Vector3[] IrisAtEyeCentres(Vector3[] mesh)
    {
        var iris = new Vector3[FaceGeometry.IrisPointCount];
        Vector3 right = 0.5f * (mesh[33] + mesh[133]), left = 0.5f * (mesh[263] + mesh[362]);
        const float radius = 0.55f;
        for (int eye = 0; eye < 2; eye++)
        {
            Vector3 centre = eye == 0 ? right : left;
            iris[eye * 5] = centre;
            iris[eye * 5 + 1] = centre + new Vector3(radius, 0, 0);
            iris[eye * 5 + 2] = centre + new Vector3(0, radius, 0);
            iris[eye * 5 + 3] = centre - new Vector3(radius, 0, 0);
            iris[eye * 5 + 4] = centre - new Vector3(0, radius, 0);
        }
        return iris;
    }
}
