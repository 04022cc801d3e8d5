using FaceMesh.Runtime.Kernels.MediaPipe;
using FaceMesh.Runtime.Model;

namespace FaceMesh.Runtime.Tests.Kernels.MediaPipe;

public sealed class LandmarksToTransformMatrixTests
{
    /// <summary>custom_options of op192 (lips) of face_landmark_with_attention.tflite, from custom_ops.md section 5.</summary>
    internal const string LipsOptionsHex =
        "6c6566745f726f746174696f6e5f696478006f75747075745f686569676874006f75747075745f77696474680072696768745f726f746174696f6e5f696478007363616c655f78007363616c655f79007375627365745f696478730050003d0092005b00b500540011003a019501410177012301b90028002700250000000b010d010e0199014e005f005800b20057000e003d0192013e0144013401bf005000510052000d003801370136019f014c004d005a00b400550010003b019401400133013201b8004a00490048000b002e012f01300198013e0060005900b30056000f003c0193013f0145012401b7002a00290026000c000c010f01100197017461726765745f726f746174696f6e5f72616469616e7300080018010801fc00f100e000da00d40028001000000002000000080000003d0000001000000010000000230100000000c03f0000c03fee00000000000000060606060e0e2d0e282601";

    private static float[] Landmarks(params (float X, float Y)[] points) =>
        points.SelectMany(p => new[] { p.X, p.Y, 42f }).ToArray();

    private static float[] Compute(float[] landmarks, int[] subset, int left, int right, float scaleX = 1, float scaleY = 1,
        int width = 16, int height = 16, float target = 0)
    {
        var matrix = new float[16];
        LandmarksToTransformMatrixKernel.Compute(landmarks, matrix,
            new LandmarksToTransformMatrixAttributes(subset, left, right, target, height, width, scaleX, scaleY));
        return matrix;
    }

    private static void AssertMatrix(double[] expectedTopRows, float[] actual)
    {
        double[] expected = [.. expectedTopRows, 0, 0, 1, 0, 0, 0, 0, 1];
        for (int i = 0; i < 16; i++) Assert.True(Math.Abs(expected[i] - actual[i]) < 1e-5, $"m[{i / 4},{i % 4}] = {actual[i]}, expected {expected[i]}");
    }

    [Fact]
    public void A_16_pixel_box_at_the_origin_with_level_eyes_gives_the_identity()
    {
        float[] points = Landmarks((0, 0), (16, 16), (0, 16), (16, 0), (4, 8), (12, 8));

        float[] m = Compute(points, [0, 1, 2, 3], left: 4, right: 5);

        AssertMatrix([1, 0, 0, 0, 0, 1, 0, 0], m);
    }

    [Fact]
    public void A_shifted_box_gives_a_pure_translation()
    {
        float[] points = Landmarks((10, 5), (26, 21), (3, 13), (40, 13));

        float[] m = Compute(points, [0, 1], left: 2, right: 3);

        AssertMatrix([1, 0, 0, 10, 0, 1, 0, 5], m);
    }

    [Fact]
    public void A_vertical_eye_line_rotates_the_crop_by_90_degrees()
    {
        // Box x 2..6, y 3..11; L->R points down (+y), so the crop's u axis follows +y.
        // Rotated frame: q = (y, -x): x 3..11 (w 8), y -6..-2 (h 4); sx = 8/16, sy = 4/16; centre (4, 7).
        float[] points = Landmarks((2, 3), (6, 3), (2, 11), (6, 11), (0, 0), (0, 1));

        float[] m = Compute(points, [0, 1, 2, 3], left: 4, right: 5);

        AssertMatrix([0, -0.25, 0, 4 + 0.25 * 8, 0.5, 0, 0, 7 - 0.5 * 8], m);
        // Crop corners land on the box corners: (0,0) -> (6,3), (16,16) -> (2,11).
        Assert.Equal(6, m[3], 4);
        Assert.Equal(2, m[0] * 16 + m[1] * 16 + m[3], 4);
        Assert.Equal(11, m[4] * 16 + m[5] * 16 + m[7], 4);
    }

    [Fact]
    public void Scale_factors_enlarge_the_box_around_its_centre()
    {
        float[] points = Landmarks((0, 0), (32, 8), (0, 4), (1, 4));

        float[] m = Compute(points, [0, 1], left: 2, right: 3, scaleX: 1.5f, scaleY: 2f, width: 16, height: 8);

        // sx = 1.5 * 32 / 16 = 3, sy = 2 * 8 / 8 = 2, centre (16, 4): tx = 16 - 3 * 8, ty = 4 - 2 * 4.
        AssertMatrix([3, 0, 0, -8, 0, 2, 0, -4], m);
    }

    [Fact]
    public void An_odd_subset_still_uses_its_last_index()
    {
        float[] points = Landmarks((0, 0), (16, 16), (40, 30), (0, 5), (1, 5));

        float[] even = Compute(points, [0, 1], left: 3, right: 4);
        float[] odd = Compute(points, [0, 1, 2], left: 3, right: 4);

        AssertMatrix([1, 0, 0, 0, 0, 1, 0, 0], even);
        // The box grows to (0,0)-(40,30): sx = 40/16, sy = 30/16, no translation.
        AssertMatrix([2.5, 0, 0, 0, 0, 1.875, 0, 0], odd);
    }

    [Fact]
    public void The_spec_options_blob_parses_to_the_lips_attributes()
    {
        var a = LandmarksToTransformMatrixAttributes.Parse(Convert.FromHexString(LipsOptionsHex));

        Assert.Equal(80, a.SubsetIndices.Length);
        Assert.Equal([61, 146, 91, 181], a.SubsetIndices[..4]);
        Assert.Equal(407, a.SubsetIndices[^1]);
        Assert.Equal((61, 291), (a.LeftRotationIndex, a.RightRotationIndex));
        Assert.Equal((16, 16), (a.OutputHeight, a.OutputWidth));
        Assert.Equal((1.5f, 1.5f, 0f), (a.ScaleX, a.ScaleY, a.TargetRotationRadians));
    }

    [Fact]
    public void As_an_operator_it_reads_its_flexbuffer_options_and_matches_the_direct_computation()
    {
        var b = new OpModelBuilder();
        int input = b.Input("mesh", 1, 468, 3);
        int output = b.Output("matrix", 1, 4, 4);
        b.Custom("Landmarks2TransformMatrix", 2, [input], [output], Convert.FromHexString(LipsOptionsHex));
        float[] mesh = TestData.Random(new Random(5), 468 * 3, 48f);

        float[] actual = TestData.Run(b.Build(), new ExecutionMode(true, 1), mesh);

        var expected = new float[16];
        LandmarksToTransformMatrixKernel.Compute(mesh, expected, LandmarksToTransformMatrixAttributes.Parse(Convert.FromHexString(LipsOptionsHex)));
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void A_landmark_index_beyond_the_input_is_rejected()
    {
        var b = new OpModelBuilder();
        int input = b.Input("mesh", 1, 100, 3); // the lips subset refers to landmarks up to 415
        int output = b.Output("matrix", 1, 4, 4);
        b.Custom("Landmarks2TransformMatrix", 2, [input], [output], Convert.FromHexString(LipsOptionsHex));

        var e = Assert.Throws<ModelFormatException>(() => new Interpreter(b.Build()));
        Assert.Contains("Landmarks2TransformMatrix", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Version_1_is_not_supported()
    {
        var b = new OpModelBuilder();
        int input = b.Input("mesh", 1, 468, 3);
        int output = b.Output("matrix", 1, 4, 4);
        b.Custom("Landmarks2TransformMatrix", 1, [input], [output], Convert.FromHexString(LipsOptionsHex));

        var e = Assert.Throws<UnsupportedModelException>(() => new Interpreter(b.Build()));
        Assert.Contains("version 1", e.Message, StringComparison.Ordinal);
    }
}
