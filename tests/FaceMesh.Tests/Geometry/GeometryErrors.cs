using System.Globalization;
using System.Numerics;
using FaceMesh.Geometry;

namespace FaceMesh.Tests.Geometry;

/// <summary>Largest absolute differences from MediaPipe's geometry over many faces.</summary>
internal sealed class GeometryErrors
{
    public double Rotation { get; private set; }
    public double TranslationCm { get; private set; }
    public double MeshCm { get; private set; }
    public int Faces { get; private set; }

    public void Add(Matrix4x4 expectedPose, ReadOnlySpan<Vector3> expectedMesh, FaceGeometry actual)
    {
        Matrix4x4 pose = actual.PoseTransform;
        for (int r = 0; r < 3; r++)
            for (int c = 0; c < 3; c++)
                Rotation = Math.Max(Rotation, Math.Abs((double)pose[r, c] - expectedPose[r, c]));
        for (int c = 0; c < 3; c++)
            TranslationCm = Math.Max(TranslationCm, Math.Abs((double)pose[3, c] - expectedPose[3, c]));
        Assert.Equal(expectedMesh.Length, actual.MeshVertices.Length);
        for (int i = 0; i < expectedMesh.Length; i++)
        {
            Vector3 d = Vector3.Abs(actual.MeshVertices[i] - expectedMesh[i]);
            MeshCm = Math.Max(MeshCm, Math.Max(d.X, Math.Max(d.Y, d.Z)));
        }
        Faces++;
    }

    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"{Faces} face(s): max |Δ| rotation·scale {Rotation:E2}, translation {TranslationCm:E2} cm, mesh {MeshCm:E2} cm");

    public void AssertWithin(double rotation, double translationCm, double meshCm, string what)
    {
        Assert.True(Faces > 0, $"{what}: no face compared");
        Assert.True(Rotation <= rotation && TranslationCm <= translationCm && MeshCm <= meshCm,
            $"{what}: {Describe()}; allowed {rotation:E1}, {translationCm:E1} cm, {meshCm:E1} cm");
    }
}
