using FaceMesh.Detectors;

namespace FaceMesh.Tests.Detectors;

public class AnchorTests
{
    private static readonly Anchor[] Short = SsdAnchors.Generate(DetectorSpec.ShortRange);
    private static readonly Anchor[] Full = SsdAnchors.Generate(DetectorSpec.FullRange);

    [Theory]
    [InlineData(0, 0.03125, 0.03125)]
    [InlineData(1, 0.03125, 0.03125)]
    [InlineData(2, 0.09375, 0.03125)]
    [InlineData(31, 0.96875, 0.03125)]
    [InlineData(32, 0.03125, 0.09375)]
    [InlineData(511, 0.96875, 0.96875)]
    [InlineData(512, 0.0625, 0.0625)]
    [InlineData(517, 0.0625, 0.0625)]
    [InlineData(518, 0.1875, 0.0625)]
    [InlineData(895, 0.9375, 0.9375)]
    public void Short_range_anchor_centres_match_the_spec(int index, double x, double y)
    {
        Assert.Equal(x, Short[index].XCenter, 1e-7);
        Assert.Equal(y, Short[index].YCenter, 1e-7);
    }

    [Fact]
    public void Short_range_has_896_unit_anchors_with_six_per_coarse_cell()
    {
        Assert.Equal(896, Short.Length);
        Assert.All(Short, a => Assert.Equal((1f, 1f), (a.Width, a.Height)));
        for (int i = 512; i <= 517; i++) Assert.Equal(Short[512], Short[i]);
    }

    [Theory]
    [InlineData(0, 0.0104167, 0.0104167)]
    [InlineData(2303, 0.9895833, 0.9895833)]
    [InlineData(47, 0.9895833, 0.0104167)]
    [InlineData(48, 0.0104167, 0.03125)]
    public void Full_range_is_a_48_by_48_grid(int index, double x, double y)
    {
        Assert.Equal(2304, Full.Length);
        Assert.Equal(x, Full[index].XCenter, 1e-6);
        Assert.Equal(y, Full[index].YCenter, 1e-6);
    }
}
