using System.Numerics;

namespace FaceMesh.Puppeteering.Tests;

public class ExpressionRetargeterTests
{
    public static TheoryData<string> Deformations => new() { "jawOpen", "eyesClosed", "browsUp", "smile" };

    private static ReadOnlySpan<Vector3> Canonical => AvatarMesh.Canonical.Positions;

    [Theory]
    [MemberData(nameof(Deformations))]
    public void An_avatar_equal_to_the_person_reproduces_the_tracked_mesh(string expression)
    {
        // A person who is not the canonical face, and an avatar that is this very person.
        Vector3[] person = Person(Canonical);
        var retargeter = new ExpressionRetargeter(AvatarMesh.Canonical.WithPositions(person));
        retargeter.SetNeutral(person);
        Vector3[] tracked = Expressions.Named(expression, person);
        var result = new Vector3[468];
        retargeter.Retarget(tracked, result);
        Assert.True(MaxDistance(result, tracked) < 2e-4f, $"max deviation {MaxDistance(result, tracked)} cm");
    }

    [Fact]
    public void The_neutral_face_leaves_the_avatar_at_rest()
    {
        Vector3[] avatar = Stretch(Canonical, new Vector3(1.3f, 0.9f, 1.1f));
        var retargeter = new ExpressionRetargeter(AvatarMesh.Canonical.WithPositions(avatar));
        Vector3[] person = Person(Canonical);
        retargeter.SetNeutral(person);
        var result = new Vector3[468];
        retargeter.Retarget(person, result);
        Assert.True(MaxDistance(result, avatar) < 2e-4f);
    }

    [Fact]
    public void A_scaled_avatar_gets_the_expression_scaled_with_it()
    {
        Vector3[] avatar = Stretch(Canonical, new Vector3(1.5f));
        var retargeter = new ExpressionRetargeter(AvatarMesh.Canonical.WithPositions(avatar));
        retargeter.SetNeutral(Canonical);
        Vector3[] tracked = Expressions.JawOpen(Canonical, 1.0f);
        var result = new Vector3[468];
        retargeter.Retarget(tracked, result);
        Assert.True(MaxDistance(result, Stretch(tracked, new Vector3(1.5f))) < 5e-4f);
        Assert.Equal(1.5f * Expressions.Gap(tracked), Expressions.Gap(result), 3);
    }

    [Fact]
    public void A_wider_avatar_keeps_its_proportions_and_opens_its_mouth_by_the_same_relative_amount()
    {
        Vector3[] avatar = Stretch(Canonical, new Vector3(1.4f, 1f, 1f));
        var retargeter = new ExpressionRetargeter(AvatarMesh.Canonical.WithPositions(avatar));
        retargeter.SetNeutral(Canonical);
        Vector3[] tracked = Expressions.JawOpen(Canonical, 1.0f);
        var result = new Vector3[468];
        retargeter.Retarget(tracked, result);

        float sourceGap = Expressions.Gap(tracked) - Expressions.Gap(Canonical);
        float avatarGap = Expressions.Gap(result) - Expressions.Gap(avatar);
        Assert.InRange(avatarGap / sourceGap, 0.95f, 1.05f);
        // Width stays 1.4 times the person's; the face's height is its own.
        Assert.InRange(Expressions.MouthWidth(result) / Expressions.MouthWidth(tracked), 1.38f, 1.42f);
        Assert.InRange(Height(result) / Height(tracked), 0.98f, 1.02f);
    }

    [Theory]
    [MemberData(nameof(Deformations))]
    public void No_triangle_flips_on_any_avatar(string expression)
    {
        Vector3[] person = Person(Canonical);
        Vector3[] tracked = Expressions.Named(expression, person);
        ReadOnlySpan<int> triangles = AvatarMesh.Canonical.TriangleIndices;
        Assert.True(Flipped(person, tracked, triangles) == 0, FlippedList(person, tracked, triangles));
        foreach (Vector3[] avatar in new[] { Canonical.ToArray(), Stretch(Canonical, new Vector3(1.4f, 0.9f, 1.2f)), Person(Canonical, seed: 7, amplitude: 0.5f) })
        {
            var retargeter = new ExpressionRetargeter(AvatarMesh.Canonical.WithPositions(avatar));
            retargeter.SetNeutral(person);
            var result = new Vector3[468];
            retargeter.Retarget(tracked, result);
            Assert.Equal(0, Flipped(avatar, result, triangles));
            // The expression arrived: the avatar moved where the person moved.
            Assert.True(MaxDistance(result, avatar) > 0.2f, $"{expression} barely moved the avatar");
        }
    }

    [Fact]
    public void A_frame_allocates_nothing()
    {
        var retargeter = new ExpressionRetargeter();
        retargeter.SetNeutral(Canonical);
        Vector3[] tracked = Expressions.Smile(Canonical, 0.4f);
        var result = new Vector3[468];
        for (int i = 0; i < 50; i++) retargeter.Retarget(tracked, result);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++) retargeter.Retarget(tracked, result);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void The_factor_is_a_narrow_envelope_far_below_dense()
    {
        var retargeter = new ExpressionRetargeter();
        Assert.InRange(retargeter.Bandwidth, 5, 150);
        // A dense triangular factor of 468 unknowns has 109,746 entries.
        Assert.InRange(retargeter.FactorEntries, 468, 468 * 469 / 2 / 3);
    }

    [Fact]
    public void Misuse_is_reported()
    {
        var retargeter = new ExpressionRetargeter();
        Assert.Throws<InvalidOperationException>(() => retargeter.Retarget(Canonical, new Vector3[468]));
        Assert.Throws<ArgumentException>(() => retargeter.SetNeutral(new Vector3[10]));
        Assert.Throws<ArgumentException>(() => retargeter.SetNeutral(new Vector3[468]));
        Assert.Throws<ArgumentException>(() => new AvatarMesh(new Vector3[400], [0, 1, 2]));
        Assert.Throws<ArgumentException>(() => new AvatarMesh(new Vector3[468], [0, 1, 468]));
    }

    /// <summary>A different face: the canonical one with smooth random bumps of about <paramref name="amplitude"/> cm.</summary>
    internal static Vector3[] Person(ReadOnlySpan<Vector3> face, int seed = 3, float amplitude = 0.3f)
    {
        var random = new Random(seed);
        var bumps = new (Vector3 Centre, Vector3 Move)[6];
        for (int k = 0; k < bumps.Length; k++)
            bumps[k] = (face[random.Next(face.Length)], amplitude * new Vector3(random.NextSingle() - 0.5f, random.NextSingle() - 0.5f, random.NextSingle() - 0.5f));
        Vector3[] result = face.ToArray();
        for (int i = 0; i < result.Length; i++)
            foreach ((Vector3 centre, Vector3 move) in bumps)
                result[i] += MathF.Exp(-Vector3.DistanceSquared(face[i], centre) / 9f) * move;
        return result;
    }

    internal static Vector3[] Stretch(ReadOnlySpan<Vector3> face, Vector3 scale)
    {
        Vector3[] result = face.ToArray();
        for (int i = 0; i < result.Length; i++) result[i] *= scale;
        return result;
    }

    internal static float MaxDistance(ReadOnlySpan<Vector3> a, ReadOnlySpan<Vector3> b)
    {
        float max = 0;
        for (int i = 0; i < a.Length; i++) max = MathF.Max(max, Vector3.Distance(a[i], b[i]));
        return max;
    }

    /// <summary>Triangles whose normal turned by more than 90° between the two shapes.</summary>
    internal static int Flipped(ReadOnlySpan<Vector3> before, ReadOnlySpan<Vector3> after, ReadOnlySpan<int> triangles)
    {
        int flipped = 0;
        for (int t = 0; t < triangles.Length; t += 3)
        {
            Vector3 n0 = Normal(before, triangles[t], triangles[t + 1], triangles[t + 2]);
            Vector3 n1 = Normal(after, triangles[t], triangles[t + 1], triangles[t + 2]);
            if (Vector3.Dot(n0, n1) <= 0) flipped++;
        }
        return flipped;
    }

    private static string FlippedList(ReadOnlySpan<Vector3> before, ReadOnlySpan<Vector3> after, ReadOnlySpan<int> triangles)
    {
        var list = new List<string>();
        for (int t = 0; t < triangles.Length; t += 3)
            if (Vector3.Dot(Normal(before, triangles[t], triangles[t + 1], triangles[t + 2]), Normal(after, triangles[t], triangles[t + 1], triangles[t + 2])) <= 0)
                list.Add($"({triangles[t]},{triangles[t + 1]},{triangles[t + 2]})");
        return string.Join(" ", list);
    }

    private static Vector3 Normal(ReadOnlySpan<Vector3> p, int a, int b, int c) => Vector3.Cross(p[b] - p[a], p[c] - p[a]);

    private static float Height(ReadOnlySpan<Vector3> face) => face[10].Y - face[152].Y;
}
