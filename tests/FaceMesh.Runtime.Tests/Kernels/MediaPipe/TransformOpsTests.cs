using FaceMesh.Runtime.Model;

namespace FaceMesh.Runtime.Tests.Kernels.MediaPipe;

public sealed class TransformOpsTests
{
    /// <summary>custom_options of the model's TransformTensorBilinear ops (16x16 output), from custom_ops.md section 5.</summary>
    private const string Bilinear16OptionsHex = "6f75747075745f686569676874006f75747075745f776964746800021c0f02010210100404042401";

    public static TheoryData<ExecutionMode> Modes() => ExecutionMode.All;

    /// <summary>The spec's sampling rule (custom_ops.md section 3), written out in double.</summary>
    private static double[] ReferenceSample(float[] input, int h, int w, int c, float[] m, int oh, int ow)
    {
        var output = new double[oh * ow * c];
        for (int j = 0; j < oh; j++)
        for (int i = 0; i < ow; i++)
        {
            // (tx, ty) = M * (i + 0.5, j + 0.5) - (0.5, 0.5)
            double tx = m[0] * (i + 0.5) + m[1] * (j + 0.5) + m[3] - 0.5;
            double ty = m[4] * (i + 0.5) + m[5] * (j + 0.5) + m[7] - 0.5;
            if (tx < 0 || tx > w - 1 || ty < 0 || ty > h - 1) continue;
            int x0 = (int)Math.Floor(tx), y0 = (int)Math.Floor(ty);
            double fx = tx - x0, fy = ty - y0;
            double Read(int yy, int xx, int ch) => yy < h && xx < w ? input[(yy * w + xx) * c + ch] : 0;
            for (int ch = 0; ch < c; ch++)
            {
                double top = (1 - fx) * Read(y0, x0, ch) + fx * Read(y0, x0 + 1, ch);
                double bottom = (1 - fx) * Read(y0 + 1, x0, ch) + fx * Read(y0 + 1, x0 + 1, ch);
                output[(j * ow + i) * c + ch] = fy * bottom + (1 - fy) * top;
            }
        }
        return output;
    }

    private static float[] RunBilinear(float[] input, int h, int w, int c, float[] matrix, int oh, int ow, ExecutionMode mode,
        byte[]? options = null)
    {
        var b = new OpModelBuilder();
        int x = b.Input("features", 1, h, w, c);
        int m = b.Input("matrix", 1, 4, 4);
        int y = b.Output("crop", 1, oh, ow, c);
        b.Custom("TransformTensorBilinear", 2, [x, m], [y], options ?? []);
        return TestData.Run(b.Build(), mode, input, matrix);
    }

    private static float[] Affine(float m00, float m01, float m03, float m10, float m11, float m13) =>
        [m00, m01, 0, m03, m10, m11, 0, m13, 0, 0, 1, 0, 0, 0, 0, 1];

    [Theory]
    [MemberData(nameof(Modes))]
    public void The_identity_matrix_copies_the_input_exactly(ExecutionMode mode)
    {
        float[] input = TestData.Random(new Random(1), 5 * 6 * 17);

        float[] output = RunBilinear(input, 5, 6, 17, Affine(1, 0, 0, 0, 1, 0), 5, 6, mode);

        Assert.Equal(input, output);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void The_half_pixel_correction_samples_between_source_pixels_when_downscaling(ExecutionMode mode)
    {
        // Crop pixel i covers input [2i, 2i+2): its centre 2i+1 lies halfway between the centres of pixels 2i and 2i+1.
        float[] input = Enumerable.Range(0, 8 * 8).Select(i => (float)(i % 8)).ToArray();

        float[] output = RunBilinear(input, 8, 8, 1, Affine(2, 0, 0, 0, 2, 0), 4, 4, mode);

        Assert.Equal([0.5f, 2.5f, 4.5f, 6.5f], output[..4]);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void A_translation_blends_neighbours_and_zeroes_samples_past_the_last_centre(ExecutionMode mode)
    {
        float[] input = Enumerable.Range(0, 4 * 6).Select(i => (float)(i % 6)).ToArray();

        float[] output = RunBilinear(input, 4, 6, 1, Affine(1, 0, 1.5f, 0, 1, 0), 4, 6, mode);

        // tx = i + 1.5: 1.5, 2.5, 3.5, 4.5 blend; 5.5 and 6.5 are beyond the last centre (5) -> 0.
        Assert.Equal([1.5f, 2.5f, 3.5f, 4.5f, 0f, 0f], output[..6]);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void Samples_before_the_first_centre_are_zero(ExecutionMode mode)
    {
        float[] input = Enumerable.Repeat(1f, 4 * 4 * 3).ToArray();

        float[] output = RunBilinear(input, 4, 4, 3, Affine(1, 0, -0.25f, 0, 1, 0), 4, 4, mode);

        Assert.Equal([0f, 0f, 0f, 1f, 1f, 1f], output[..6]);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void A_90_degree_rotation_matches_the_spec_rule(ExecutionMode mode)
    {
        float[] input = TestData.Random(new Random(2), 7 * 7 * 33);
        float[] matrix = Affine(0, -1, 7, 1, 0, 0);

        float[] output = RunBilinear(input, 7, 7, 33, matrix, 7, 7, mode);

        TestData.AssertClose(ReferenceSample(input, 7, 7, 33, matrix, 7, 7), output);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void A_general_affine_crop_matches_the_spec_rule(ExecutionMode mode)
    {
        float[] input = TestData.Random(new Random(3), 48 * 48 * 32);
        float[] matrix = Affine(0.9f, 0.3f, 10.2f, -0.25f, 1.1f, 14.7f);

        float[] output = RunBilinear(input, 48, 48, 32, matrix, 16, 16, mode, Convert.FromHexString(Bilinear16OptionsHex));

        TestData.AssertClose(ReferenceSample(input, 48, 48, 32, matrix, 16, 16), output);
    }

    [Fact]
    public void Options_that_disagree_with_the_output_shape_are_rejected()
    {
        var e = Assert.Throws<ModelFormatException>(() =>
            RunBilinear(new float[8 * 8], 8, 8, 1, Affine(1, 0, 0, 0, 1, 0), 8, 8, new ExecutionMode(true, 1),
                Convert.FromHexString(Bilinear16OptionsHex)));
        Assert.Contains("TransformTensorBilinear", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void TransformLandmarks_maps_x_and_y_and_keeps_z(int dimensions)
    {
        var b = new OpModelBuilder();
        int points = b.Input("points", 1, 3, dimensions);
        int matrix = b.Input("matrix", 1, 4, 4);
        int output = b.Output("mapped", 1, 3, dimensions);
        b.Custom("TransformLandmarks", 2, [points, matrix], [output], []);
        float[] input = dimensions == 2 ? [1, 2, 3, 4, -1, 0.5f] : [1, 2, 9, 3, 4, 8, -1, 0.5f, 7];
        // x' = 2y + 10 (m02 must not matter), y' = -x + 3y + 20.
        float[] m = [0, 2, 100, 10, -1, 3, 100, 20, 5, 5, 5, 5, 5, 5, 5, 5];

        float[] actual = TestData.Run(b.Build(), new ExecutionMode(true, 1), input, m);

        float[] expected = dimensions == 2
            ? [14, 25, 18, 29, 11, 22.5f]
            : [14, 25, 9, 18, 29, 8, 11, 22.5f, 7];
        Assert.Equal(expected, actual);
    }
}
