using FaceMesh.Landmarks;

namespace FaceMesh.Tests.Landmarks;

public class RefinementTests
{
    [Fact]
    public void Index_tables_have_the_spec_sizes_and_distinct_mesh_indices()
    {
        Assert.Equal(80, AttentionRefinement.Lips.Length);
        Assert.Equal(71, AttentionRefinement.LeftEye.Length);
        Assert.Equal(71, AttentionRefinement.RightEye.Length);
        foreach (int[] table in new[] { AttentionRefinement.Lips.ToArray(), AttentionRefinement.LeftEye.ToArray(), AttentionRefinement.RightEye.ToArray() })
        {
            Assert.Equal(table.Length, table.Distinct().Count());
            Assert.All(table, i => Assert.InRange(i, 0, 467));
        }
        Assert.Empty(AttentionRefinement.LeftEye.ToArray().Intersect(AttentionRefinement.RightEye.ToArray()));
        Assert.Equal([33, 7, 163], AttentionRefinement.LeftEye[..3].ToArray());
        Assert.Equal([263, 249, 390], AttentionRefinement.RightEye[..3].ToArray());
        Assert.Equal(173, AttentionRefinement.LeftEye[15]);
        Assert.Equal(398, AttentionRefinement.RightEye[15]);
    }

    [Fact]
    public void Merges_sub_models_and_averages_iris_z_over_the_eye_contour()
    {
        var mesh = new float[1404];
        for (int k = 0; k < 468; k++) { mesh[3 * k] = k; mesh[3 * k + 1] = 2 * k; mesh[3 * k + 2] = 0.5f * k; }
        float[] lips = Filled(160, 1000f), leftEye = Filled(142, 2000f), rightEye = Filled(142, 3000f);
        float[] leftIris = Filled(10, 4000f), rightIris = Filled(10, 5000f);
        var output = new NormalizedLandmark[478];

        AttentionRefinement.Refine(mesh, lips, leftEye, rightEye, leftIris, rightIris, output);

        // Untouched mesh point: crop pixels / 192, z too.
        Assert.Equal(new NormalizedLandmark(1f / 192, 2f / 192, 0.5f / 192), output[1]);
        // Lips point 0 -> mesh 61: x/y from the lips tensor, z from the mesh.
        Assert.Equal(new NormalizedLandmark(1000f / 192, 1001f / 192, 0.5f * 61 / 192), output[61]);
        // Right-eye point 70 -> mesh 417.
        Assert.Equal(new NormalizedLandmark((3000f + 140) / 192, (3000f + 141) / 192, 0.5f * 417 / 192), output[417]);
        double leftZ = AttentionRefinement.LeftEye[..16].ToArray().Average(i => (double)(0.5f * i / 192));
        double rightZ = AttentionRefinement.RightEye[..16].ToArray().Average(i => (double)(0.5f * i / 192));
        for (int j = 0; j < 5; j++)
        {
            Assert.Equal(new NormalizedLandmark((4000f + 2 * j) / 192, (4001f + 2 * j) / 192, (float)leftZ), output[468 + j]);
            Assert.Equal(new NormalizedLandmark((5000f + 2 * j) / 192, (5001f + 2 * j) / 192, (float)rightZ), output[473 + j]);
        }
    }

    private static float[] Filled(int length, float start) => [.. Enumerable.Range(0, length).Select(i => start + i)];
}
