using System.Numerics;

namespace FaceMesh.Evaluation.Tests;

public class CorrespondenceTests
{
    private static readonly Ibug68Correspondence Map = Ibug68Correspondence.Default;

    [Fact]
    public void Embedded_map_has_the_spec_s_eye_corners_nose_tip_and_mouth_corners()
    {
        Assert.Equal(33, Map.MediaPipeIndex(36));
        Assert.Equal(133, Map.MediaPipeIndex(39));
        Assert.Equal(362, Map.MediaPipeIndex(42));
        Assert.Equal(263, Map.MediaPipeIndex(45));
        Assert.Equal(4, Map.MediaPipeIndex(30));
        Assert.Equal(61, Map.MediaPipeIndex(48));
        Assert.Equal(291, Map.MediaPipeIndex(54));
    }

    [Fact]
    public void Regions_come_in_report_order_with_brows_jaw_and_all68_marked_approximate()
    {
        Assert.Equal(["core", "eye_corners", "eyes", "nose", "lips", "brows", "jaw", "all68"], Map.Regions.Select(r => r.Key));
        Assert.Equal(["brows", "jaw", "all68"], Map.Regions.Where(r => r.Approximate).Select(r => r.Key));
        Assert.Equal([36, 39, 42, 45, 30, 48, 54], Map.Regions[0].Indices);
        Assert.Equal(68, Map.Regions[^1].Indices.Count);
        Assert.Contains("jaw", Map.Notes.Keys);
    }

    [Fact]
    public void ToIbug68_picks_the_mapped_vertices()
    {
        var mesh = Enumerable.Range(0, 478).Select(i => new Vector2(i, -i)).ToArray();
        Vector2[] ibug = Map.ToIbug68(mesh);
        for (int i = 0; i < 68; i++) Assert.Equal(new Vector2(Map.MediaPipeIndex(i), -Map.MediaPipeIndex(i)), ibug[i]);
        Assert.Throws<ArgumentException>(() => Map.ToIbug68(new Vector2[67]));
    }

    [Fact]
    public void A_correspondence_missing_a_point_is_rejected()
    {
        using var json = new MemoryStream("""{"mapping": {"0": 1}, "subsets": {}, "trust": {"approximate": []}}"""u8.ToArray());
        var ex = Assert.Throws<FormatException>(() => Ibug68Correspondence.Parse(json));
        Assert.Contains("iBUG point 1", ex.Message, StringComparison.Ordinal);
    }
}
