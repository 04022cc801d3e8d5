using System.Numerics;
using FaceMesh.Geometry;

namespace FaceMesh.Tests.Geometry;

/// <summary>The embedded metadata decodes to the facts the geometry spec lists.</summary>
public sealed class CanonicalFaceModelTests
{
    private static CanonicalFaceModel Model => CanonicalFaceModel.Default;

    [Fact]
    public void Has_468_vertices_and_898_triangles_over_them()
    {
        Assert.Equal(468, Model.VertexCount);
        Assert.Equal(898, Model.TriangleCount);
        Assert.Equal(2694, Model.TriangleIndices.Length);
        Assert.Equal(0, Model.TriangleIndices.ToArray().Min());
        Assert.Equal(467, Model.TriangleIndices.ToArray().Max());
        Assert.Equal([173, 155, 133, 246, 33, 7, 382, 398, 362], Model.TriangleIndices[..9].ToArray());
    }

    [Fact]
    public void First_vertices_and_ranges_match_the_spec()
    {
        Assert.Equal(new Vector3(0f, -3.406404f, 5.979507f), Model.Positions[0], Tolerance(1e-6f));
        Assert.Equal(new Vector3(0f, -1.126865f, 7.475604f), Model.Positions[1], Tolerance(1e-6f));
        Assert.Equal(new Vector2(0.499977f, 0.652534f), Model.TextureCoordinates[0], Tolerance2(1e-6f));
        Assert.Equal(new Vector2(0.500026f, 0.547487f), Model.TextureCoordinates[1], Tolerance2(1e-6f));

        Vector3[] p = Model.Positions.ToArray();
        Vector2[] uv = Model.TextureCoordinates.ToArray();
        AssertRange(-7.743095, 7.743095, p.Select(v => v.X));
        AssertRange(-9.403378, 8.261778, p.Select(v => v.Y));
        AssertRange(-2.435867, 7.586580, p.Select(v => v.Z));
        AssertRange(0.007561, 0.992440, uv.Select(v => v.X));
        AssertRange(0.107050, 0.954453, uv.Select(v => v.Y));
    }

    [Fact]
    public void Orientation_is_right_handed_with_y_up_and_z_towards_the_camera()
    {
        Assert.Equal(-4.445859f, Model.Positions[33].X, 1e-5f);
        Assert.Equal(4.445859f, Model.Positions[263].X, 1e-5f);
        Assert.Equal(8.261778f, Model.Positions[10].Y, 1e-5f); // forehead up
        Assert.Equal(-9.403378f, Model.Positions[152].Y, 1e-5f); // chin down
        Assert.Equal(7.586580f, Model.Positions[4].Z, 1e-5f); // nose tip nearest the camera
    }

    [Fact]
    public void Procrustes_basis_has_33_weighted_landmarks_in_mirror_pairs()
    {
        ReadOnlySpan<ProcrustesLandmark> basis = Model.ProcrustesBasis;
        Assert.Equal(33, basis.Length);
        Assert.Equal(33, basis.ToArray().Select(b => b.LandmarkId).Distinct().Count());
        Assert.Equal(1.055, basis.ToArray().Sum(b => (double)b.Weight), 5);
        Assert.Equal(0.120625205338001f, Model.ProcrustesWeights[129]);
        Assert.Equal(0.070909939706326f, Model.ProcrustesWeights[4]);
        Assert.Equal(0.008446550928056f, Model.ProcrustesWeights[10]);
        Assert.Equal(33, Model.ProcrustesWeights.ToArray().Count(w => w > 0));
        (int, int)[] mirrors = [(33, 263), (54, 284), (67, 297), (117, 346), (119, 348), (121, 350), (127, 356), (129, 358),
            (132, 361), (133, 362), (136, 365), (143, 372), (147, 376), (198, 420), (205, 425)];
        foreach ((int left, int right) in mirrors)
        {
            Assert.True(Model.ProcrustesWeights[left] > 0);
            Assert.Equal(Model.ProcrustesWeights[left], Model.ProcrustesWeights[right]);
        }
    }

    [Fact]
    public void Malformed_metadata_is_rejected()
    {
        byte[] good = FaceMesh.Models.MediaPipeModels.ReadAllBytes(FaceMesh.Models.MediaPipeModel.GeometryPipelineMetadata);
        Assert.Throws<InvalidDataException>(() => CanonicalFaceModel.Parse(good.AsSpan(0, good.Length - 3)));
        Assert.Throws<InvalidDataException>(() => CanonicalFaceModel.Parse([]));
        Assert.Throws<NotSupportedException>(() => CanonicalFaceModel.Parse([.. good, 0x18, 0x02])); // input_source = detection
        Assert.Equal(468, CanonicalFaceModel.Parse([.. good, 0x18, 0x01]).VertexCount);
    }

    private static void AssertRange(double min, double max, IEnumerable<float> values)
    {
        float[] v = [.. values];
        // The spec prints 6 decimals.
        Assert.True(Math.Abs(v.Min() - min) <= 1e-6 && Math.Abs(v.Max() - max) <= 1e-6, $"[{v.Min()}, {v.Max()}] vs [{min}, {max}]");
    }

    private static EqualityComparer<Vector3> Tolerance(float t) =>
        EqualityComparer<Vector3>.Create((a, b) => Vector3.Distance(a, b) <= t, v => 0);

    private static EqualityComparer<Vector2> Tolerance2(float t) =>
        EqualityComparer<Vector2>.Create((a, b) => Vector2.Distance(a, b) <= t, v => 0);
}
