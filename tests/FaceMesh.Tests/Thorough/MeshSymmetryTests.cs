using FaceMesh.Thorough;

namespace FaceMesh.Tests.Thorough;

public class MeshSymmetryTests
{
    [Fact]
    public void Mirror_pairs_the_sides_of_the_face_and_keeps_the_midline()
    {
        ReadOnlySpan<int> mirror = MeshSymmetry.Mirror;
        Assert.Equal(468, mirror.Length);
        for (int k = 0; k < mirror.Length; k++) Assert.Equal(k, mirror[mirror[k]]);
        Assert.Equal(263, mirror[33]);   // outer eye corners
        Assert.Equal(362, mirror[133]);  // inner eye corners
        Assert.Equal(291, mirror[61]);   // mouth corners
        Assert.Equal(1, mirror[1]);      // nose tip
        Assert.Equal(152, mirror[152]);  // chin
    }
}
