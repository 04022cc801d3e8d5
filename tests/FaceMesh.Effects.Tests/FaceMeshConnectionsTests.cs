using System.Collections.Immutable;

namespace FaceMesh.Effects.Tests;

public sealed class FaceMeshConnectionsTests
{
    public static TheoryData<string, int> SpecCounts => new()
    {
        { nameof(FaceMeshConnections.Tesselation), 2556 },
        { nameof(FaceMeshConnections.Contours), 124 },
        { nameof(FaceMeshConnections.Lips), 40 },
        { nameof(FaceMeshConnections.LeftEye), 16 },
        { nameof(FaceMeshConnections.LeftEyebrow), 8 },
        { nameof(FaceMeshConnections.LeftIris), 4 },
        { nameof(FaceMeshConnections.RightEye), 16 },
        { nameof(FaceMeshConnections.RightEyebrow), 8 },
        { nameof(FaceMeshConnections.RightIris), 4 },
        { nameof(FaceMeshConnections.FaceOval), 36 },
        { nameof(FaceMeshConnections.Irises), 8 },
        { nameof(FaceMeshConnections.Nose), 25 },
    };

    [Theory]
    [MemberData(nameof(SpecCounts))]
    public void Edge_counts_match_the_spec(string name, int count) => Assert.Equal(count, Set(name).Length);

    [Fact]
    public void Tesselation_stays_within_the_468_mesh_points_and_has_no_duplicates()
    {
        Assert.All(FaceMeshConnections.Tesselation, e => Assert.InRange(Math.Max(e.Start, e.End), 0, 467));
        Assert.Equal(2556, FaceMeshConnections.Tesselation.Distinct().Count());
        Assert.Equal(new LandmarkConnection(127, 34), FaceMeshConnections.Tesselation[0]);
    }

    [Fact]
    public void Irises_use_the_refined_points_with_the_subjects_sides()
    {
        Assert.All(FaceMeshConnections.LeftIris, e => Assert.InRange(e.Start, 474, 477));
        Assert.All(FaceMeshConnections.RightIris, e => Assert.InRange(e.Start, 469, 472));
        Assert.Equal(FaceMeshConnections.LeftIris.Concat(FaceMeshConnections.RightIris), FaceMeshConnections.Irises);
    }

    [Fact]
    public void Contours_are_the_union_of_the_feature_sets()
    {
        var union = FaceMeshConnections.Lips.Concat(FaceMeshConnections.LeftEye).Concat(FaceMeshConnections.LeftEyebrow)
            .Concat(FaceMeshConnections.RightEye).Concat(FaceMeshConnections.RightEyebrow).Concat(FaceMeshConnections.FaceOval);
        Assert.Equal(union.ToHashSet(), FaceMeshConnections.Contours.ToHashSet());
    }

    [Fact]
    public void Lip_set_forms_an_outer_and_an_inner_closed_ring()
    {
        var rings = LipRings.Rings;
        Assert.Equal(2, rings.Length);
        ImmutableArray<int> outer = rings.Single(r => r.Contains(61)), inner = rings.Single(r => r.Contains(78));
        Assert.Equal(SyntheticFace.OuterLower.Concat(SyntheticFace.OuterUpper).ToHashSet(), outer.ToHashSet());
        Assert.Equal(SyntheticFace.InnerLower.Concat(SyntheticFace.InnerUpper).ToHashSet(), inner.ToHashSet());
        Assert.Equal(20, outer.Length);
        Assert.Equal(20, inner.Length);
        // Consecutive ring entries (cyclically) are lip edges.
        var edges = FaceMeshConnections.Lips.SelectMany(e => new[] { (e.Start, e.End), (e.End, e.Start) }).ToHashSet();
        foreach (ImmutableArray<int> ring in rings)
            for (int i = 0; i < ring.Length; i++) Assert.Contains((ring[i], ring[(i + 1) % ring.Length]), edges);
    }

    private static ImmutableArray<LandmarkConnection> Set(string name) =>
        (ImmutableArray<LandmarkConnection>)typeof(FaceMeshConnections).GetProperty(name)!.GetValue(null)!;
}
