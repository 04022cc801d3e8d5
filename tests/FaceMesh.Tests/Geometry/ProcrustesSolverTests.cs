using System.Numerics;
using FaceMesh.Geometry;

namespace FaceMesh.Tests.Geometry;

/// <summary>The weighted Procrustes solver and its SVD on synthetic data with known answers.</summary>
public sealed class ProcrustesSolverTests
{
    private static readonly Quaternion KnownRotation = Quaternion.Normalize(new Quaternion(0.2f, -0.35f, 0.1f, 0.9f));
    private const float KnownScale = 1.7f;
    private static readonly Vector3 KnownTranslation = new(3.5f, -2.25f, -48f);

    [Fact]
    public void Recovers_a_known_rotation_scale_and_translation_from_the_canonical_model()
    {
        CanonicalFaceModel model = CanonicalFaceModel.Default;
        Vector3[] targets = [.. model.Positions.ToArray().Select(Apply)];
        Assert.True(ProcrustesSolver.TrySolve(model.Positions, targets, model.ProcrustesWeights, out SimilarityPose pose));
        AssertPose(pose, 2e-6f, 2e-5f);
    }

    [Fact]
    public void Points_of_zero_weight_do_not_influence_the_fit()
    {
        CanonicalFaceModel model = CanonicalFaceModel.Default;
        Vector3[] targets = [.. model.Positions.ToArray().Select(Apply)];
        for (int i = 0; i < targets.Length; i++)
            if (model.ProcrustesWeights[i] == 0) targets[i] = new Vector3(1000f * i, -77f, 5f); // garbage
        Assert.True(ProcrustesSolver.TrySolve(model.Positions, targets, model.ProcrustesWeights, out SimilarityPose pose));
        AssertPose(pose, 2e-6f, 2e-5f);
    }

    [Fact]
    public void A_heavier_point_pulls_the_translation_towards_itself()
    {
        Vector3[] sources = [new(1, 0, 0), new(-1, 0, 0), new(0, 1, 0), new(0, -1, 0), new(0, 0, 1)];
        Vector3[] targets = [.. sources];
        targets[4] += new Vector3(0, 0, 1); // one point off by 1 along z
        float[] light = [1, 1, 1, 1, 1];
        float[] heavy = [1, 1, 1, 1, 9];
        Assert.True(ProcrustesSolver.TrySolve(sources, targets, light, out SimilarityPose a));
        Assert.True(ProcrustesSolver.TrySolve(sources, targets, heavy, out SimilarityPose b));
        Assert.True(b.Translation.Z > a.Translation.Z + 0.1f, $"{a.Translation.Z} vs {b.Translation.Z}");
        // The weighted centroid of the residuals is zero: Σ w (s R a + t − b) = 0.
        foreach ((float[] w, SimilarityPose p) in new[] { (light, a), (heavy, b) })
        {
            Vector3 sum = Vector3.Zero;
            for (int i = 0; i < sources.Length; i++) sum += w[i] * (Transform(p, sources[i]) - targets[i]);
            Assert.True(sum.Length() < 1e-5f, $"weighted residual sum {sum}");
        }
    }

    [Fact]
    public void A_mirrored_target_gives_a_rotation_not_a_reflection()
    {
        CanonicalFaceModel model = CanonicalFaceModel.Default;
        Vector3[] mirrored = [.. model.Positions.ToArray().Select(p => new Vector3(-p.X, p.Y, p.Z))];
        Assert.True(ProcrustesSolver.TrySolve(model.Positions, mirrored, model.ProcrustesWeights, out SimilarityPose pose));
        Assert.True(pose.Linear.Determinant() > 0);
    }

    [Fact]
    public void Degenerate_input_is_refused_as_MediaPipe_refuses_it()
    {
        Vector3[] sources = [new(1, 2, 3), new(4, 5, 6), new(-1, 0, 2)];
        Assert.False(ProcrustesSolver.TrySolve(sources, sources, [0f, 0f, 0f], out _)); // no weight
        Assert.False(ProcrustesSolver.TrySolve(sources, [Vector3.Zero, Vector3.Zero, Vector3.Zero], [1f, 1f, 1f], out _)); // all targets equal
        Assert.False(ProcrustesSolver.TrySolve(sources, [.. sources.Select(p => new Vector3(float.NaN, p.Y, p.Z))], [1f, 1f, 1f], out _));
        Assert.Throws<ArgumentException>(() => ProcrustesSolver.TrySolve(sources, sources, [1f, -1f, 1f], out _));
        Assert.Throws<ArgumentException>(() => ProcrustesSolver.TrySolve(sources, sources[..2], [1f, 1f, 1f], out _));
    }

    [Fact]
    public void Svd_reconstructs_the_matrix_with_orthonormal_factors_and_sorted_singular_values()
    {
        var random = new Random(7);
        for (int trial = 0; trial < 200; trial++)
        {
            var a = new Float3x3();
            for (int r = 0; r < 3; r++)
                for (int c = 0; c < 3; c++)
                    a[r, c] = (float)(random.NextDouble() * 2 - 1) * (trial % 3 == 0 ? 1e-3f : 10f);
            if (trial % 5 == 0) for (int c = 0; c < 3; c++) a[2, c] = a[0, c] * 2; // rank 2
            Assert.True(JacobiSvd3x3.TryDecompose(a, out Float3x3 u, out Float3x3 v, out var s));
            Assert.True(s.S0 >= s.S1 && s.S1 >= s.S2 && s.S2 >= 0, $"{s}");
            AssertOrthonormal(u);
            AssertOrthonormal(v);
            float scale = Math.Max(s.S0, 1e-30f);
            for (int r = 0; r < 3; r++)
                for (int c = 0; c < 3; c++)
                {
                    double sum = (double)u[r, 0] * s.S0 * v[c, 0] + (double)u[r, 1] * s.S1 * v[c, 1] + (double)u[r, 2] * s.S2 * v[c, 2];
                    Assert.True(Math.Abs(sum - a[r, c]) <= 2e-6 * scale, $"trial {trial} ({r},{c}): {sum} vs {a[r, c]}");
                }
        }
    }

    [Fact]
    public void Pose_inverse_undoes_the_pose()
    {
        var pose = new SimilarityPose { Linear = ToLinear(KnownRotation, KnownScale), Translation = KnownTranslation };
        Span<float> inverse = stackalloc float[16];
        PoseInverse.Compute(pose, inverse);
        Vector3 p = new(1.5f, -4f, 7f);
        Vector3 q = Transform(pose, p);
        Vector3 back = new(
            inverse[0] * q.X + inverse[1] * q.Y + inverse[2] * q.Z + inverse[3],
            inverse[4] * q.X + inverse[5] * q.Y + inverse[6] * q.Z + inverse[7],
            inverse[8] * q.X + inverse[9] * q.Y + inverse[10] * q.Z + inverse[11]);
        Assert.True(Vector3.Distance(p, back) < 1e-4f, $"{back}");
        Assert.Equal([0f, 0f, 0f, 1f], inverse[12..].ToArray());
    }

    private static Vector3 Apply(Vector3 p) => KnownScale * Vector3.Transform(p, KnownRotation) + KnownTranslation;

    private static void AssertPose(in SimilarityPose pose, float linearTolerance, float translationTolerance)
    {
        Float3x3 expected = ToLinear(KnownRotation, KnownScale);
        for (int r = 0; r < 3; r++)
            for (int c = 0; c < 3; c++)
                Assert.True(Math.Abs(pose.Linear[r, c] - expected[r, c]) <= linearTolerance * KnownScale, $"({r},{c}): {pose.Linear[r, c]} vs {expected[r, c]}");
        Assert.True(Vector3.Distance(pose.Translation, KnownTranslation) <= translationTolerance * KnownTranslation.Length(), $"{pose.Translation}");
    }

    /// <summary>s R in the column-vector convention, from .NET's quaternion rotation.</summary>
    private static Float3x3 ToLinear(Quaternion q, float scale)
    {
        var m = new Float3x3();
        Vector3[] axes = [Vector3.UnitX, Vector3.UnitY, Vector3.UnitZ];
        for (int c = 0; c < 3; c++)
        {
            Vector3 column = scale * Vector3.Transform(axes[c], q);
            m[0, c] = column.X;
            m[1, c] = column.Y;
            m[2, c] = column.Z;
        }
        return m;
    }

    private static Vector3 Transform(in SimilarityPose pose, Vector3 p) => new Vector3(
        pose.Linear[0, 0] * p.X + pose.Linear[0, 1] * p.Y + pose.Linear[0, 2] * p.Z,
        pose.Linear[1, 0] * p.X + pose.Linear[1, 1] * p.Y + pose.Linear[1, 2] * p.Z,
        pose.Linear[2, 0] * p.X + pose.Linear[2, 1] * p.Y + pose.Linear[2, 2] * p.Z) + pose.Translation;

    private static void AssertOrthonormal(in Float3x3 m)
    {
        Float3x3 product = m.Transpose().Multiply(m);
        for (int r = 0; r < 3; r++)
            for (int c = 0; c < 3; c++)
                Assert.True(Math.Abs(product[r, c] - (r == c ? 1f : 0f)) < 1e-5f, $"({r},{c}) = {product[r, c]}");
    }
}
