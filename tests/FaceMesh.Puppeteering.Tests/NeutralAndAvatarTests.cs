using System.Globalization;
using System.Numerics;
using System.Text;

namespace FaceMesh.Puppeteering.Tests;

public class NeutralAndAvatarTests
{
    private static ReadOnlySpan<Vector3> Canonical => AvatarMesh.Canonical.Positions;

    [Fact]
    public void The_running_neutral_ignores_a_minority_of_expressive_frames_and_then_freezes()
    {
        var estimator = new NeutralFaceEstimator(frameCount: 9);
        Vector3[] open = Expressions.JawOpen(Canonical, 1.5f);
        for (int f = 0; f < 9; f++) Assert.True(estimator.Observe(f % 3 == 1 ? open : Canonical));
        Assert.True(estimator.IsSettled);
        Assert.True(ExpressionRetargeterTests.MaxDistance(estimator.Neutral, Canonical) < 1e-6f);
        int version = estimator.Version;
        Assert.False(estimator.Observe(open));
        Assert.Equal(version, estimator.Version);
        estimator.Calibrate(open);
        Assert.True(ExpressionRetargeterTests.MaxDistance(estimator.Neutral, open) < 1e-6f);
    }

    [Fact]
    public void A_puppet_rests_on_its_first_frame_follows_the_next_and_reports_the_head_rotation()
    {
        var puppet = new FacePuppet(neutralFrames: 1);
        Quaternion turn = Quaternion.CreateFromYawPitchRoll(0.4f, -0.2f, 0.1f);
        Matrix4x4 pose = Matrix4x4.CreateScale(1.1f) * Matrix4x4.CreateFromQuaternion(turn) * Matrix4x4.CreateTranslation(1, 2, -40);
        puppet.Update(Canonical, pose);
        Assert.True(ExpressionRetargeterTests.MaxDistance(puppet.Vertices, Canonical) < 1e-4f);
        Vector3[] open = Expressions.JawOpen(Canonical, 1f);
        puppet.Update(open, pose);
        Assert.True(ExpressionRetargeterTests.MaxDistance(puppet.Vertices, open) < 1e-4f);
        Assert.True(MathF.Abs(Quaternion.Dot(turn, puppet.HeadRotation)) > 0.99999f);
    }

    [Fact]
    public void An_obj_avatar_reads_back_with_its_positions_triangles_and_texture_coordinates()
    {
        AvatarMesh canonical = AvatarMesh.Canonical;
        var obj = new StringBuilder("# canonical face\no face\n");
        foreach (Vector3 p in canonical.Positions) obj.Append(CultureInfo.InvariantCulture, $"v {p.X} {p.Y} {p.Z}\n");
        foreach (Vector2 uv in canonical.TextureCoordinates) obj.Append(CultureInfo.InvariantCulture, $"vt {uv.X} {1 - uv.Y}\n");
        obj.Append("vn 0 0 1\n");
        ReadOnlySpan<int> t = canonical.TriangleIndices;
        for (int k = 0; k < t.Length; k += 3) obj.Append(CultureInfo.InvariantCulture, $"f {t[k] + 1}/{t[k] + 1}/1 {t[k + 1] + 1}/{t[k + 1] + 1}/1 {t[k + 2] + 1}/{t[k + 2] + 1}/1\n");

        AvatarMesh read = ObjAvatarReader.Read(new StringReader(obj.ToString()));
        Assert.True(ExpressionRetargeterTests.MaxDistance(read.Positions, canonical.Positions) < 1e-5f);
        Assert.Equal(canonical.TriangleIndices.ToArray(), read.TriangleIndices.ToArray());
        for (int i = 0; i < read.VertexCount; i++) Assert.True(Vector2.Distance(read.TextureCoordinates[i], canonical.TextureCoordinates[i]) < 1e-5f);
    }

    [Theory]
    [InlineData("v 1 2\nf 1 2 3\n")]
    [InlineData("v 0 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 3\n")]
    [InlineData("v 0 0 0\nf 1 2 9\n")]
    [InlineData("v a b c\n")]
    public void A_malformed_or_unusable_obj_is_invalid_data(string text) =>
        Assert.Throws<InvalidDataException>(() => ObjAvatarReader.Read(new StringReader(text)));
}
