using System.Numerics;
using FaceMesh.Evaluation;

namespace FaceMesh.Tests.Evaluation;

public class SimilarityTransformTests
{
    [Fact]
    public void Quarter_turn_about_the_centre_moves_a_point_as_drawn_on_paper()
    {
        var turn = new SimilarityTransform(MathF.PI / 2, new Vector2(1, 2), new Vector2(10, 10));
        // (12, 10) is 2 px right of the centre; a quarter turn (y down) puts it 2 px below, then the shift.
        Vector2 moved = turn.Apply(new Vector2(12, 10));
        Assert.Equal(11f, moved.X, 4);
        Assert.Equal(14f, moved.Y, 4);
    }

    [Fact]
    public void Inverse_undoes_the_transform_including_scale()
    {
        var t = new SimilarityTransform(0.3f, new Vector2(-2.25f, 0.7f), new Vector2(256, 200), Scale: 1.2f);
        foreach (Vector2 p in new[] { new Vector2(0, 0), new Vector2(511.5f, 3.25f), new Vector2(256, 200) })
        {
            Vector2 back = t.ApplyInverse(t.Apply(p));
            Assert.Equal(p.X, back.X, 3);
            Assert.Equal(p.Y, back.Y, 3);
        }
    }

    [Fact]
    public void Identity_leaves_points_alone()
    {
        Vector2 p = new(3.5f, -7.25f);
        Assert.Equal(p, SimilarityTransform.Identity.Apply(p));
        Assert.Equal(p, SimilarityTransform.Identity.ApplyInverse(p));
    }
}
