using FaceMesh.Runtime.Model;

namespace FaceMesh.Runtime.Tests.Kernels;

/// <summary>
/// An 8-channel stride-1 3x3 depthwise layer runs two pixels per 512-bit vector; every output must
/// equal, bit for bit, the 256-bit path (one pixel per full vector, the same multiply-adds in the
/// same order) and be close to the double-precision reference. Widths leave an odd interior
/// column or none; PRELU-fused layers keep the one-pixel path and must agree as well.
/// </summary>
public sealed class DepthwisePairedPixelTests
{
    public static TheoryData<int, int, Padding, FusedActivation> Cases()
    {
        var cases = new TheoryData<int, int, Padding, FusedActivation>();
        foreach (int width in new[] { 1, 2, 3, 4, 7, 96 })
        {
            cases.Add(5, width, Padding.Same, FusedActivation.None);
            cases.Add(4, width + 2, Padding.Valid, FusedActivation.Relu6);
        }
        cases.Add(96, 96, Padding.Same, FusedActivation.Relu);
        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Eight_channel_rows_match_the_256_bit_path_and_the_reference(int h, int w, Padding padding, FusedActivation activation)
    {
        const int c = 8;
        var rng = new Random(h * 31 + w);
        float[] x = TestData.Random(rng, h * w * c), filter = TestData.Random(rng, 9 * c), bias = TestData.Random(rng, c);
        var (oh, _) = ReferenceOps.Window(padding, h, 3, 1);
        var (ow, _) = ReferenceOps.Window(padding, w, 3, 1);

        float[] Run(int maxVectorBits)
        {
            var b = new OpModelBuilder();
            int input = b.Input("x", 1, h, w, c);
            b.Op(BuiltinOperator.DepthwiseConv2D, [input, b.Constant("w", [1, 3, 3, c], filter), b.Constant("b", [c], bias)],
                [b.Output("y", 1, oh, ow, c)], new DepthwiseConv2DOptions(padding, 1, 1, 1, activation, 1, 1));
            return TestData.Run(b.Build(), new ExecutionMode(true, 1, maxVectorBits), x);
        }

        float[] wide = Run(512);
        Assert.Equal(Run(256), wide);
        TestData.AssertClose(ReferenceOps.Depthwise(x, h, w, c, filter, 3, 3, bias, 1, padding, activation), wide);
    }

    public static TheoryData<int, int, int, Padding, FusedActivation> ThirtyTwoChannelCases()
    {
        var cases = new TheoryData<int, int, int, Padding, FusedActivation>();
        foreach (int width in new[] { 1, 2, 3, 7, 96 })
        {
            cases.Add(5, width, 1, Padding.Same, FusedActivation.None);
            cases.Add(4, width + 2, 1, Padding.Valid, FusedActivation.Relu6);
            cases.Add(6, width + 1, 2, Padding.Same, FusedActivation.Relu);
        }
        return cases;
    }

    /// <summary>32-channel rows run both channel blocks in one sweep on the 512-bit path: the same chains as one block at a time.</summary>
    [Theory]
    [MemberData(nameof(ThirtyTwoChannelCases))]
    public void Thirty_two_channel_rows_match_the_256_bit_path_and_the_reference(int h, int w, int stride, Padding padding, FusedActivation activation)
    {
        const int c = 32;
        var rng = new Random(h * 37 + w + stride);
        float[] x = TestData.Random(rng, h * w * c), filter = TestData.Random(rng, 9 * c), bias = TestData.Random(rng, c);
        var (oh, _) = ReferenceOps.Window(padding, h, 3, stride);
        var (ow, _) = ReferenceOps.Window(padding, w, 3, stride);

        float[] Run(int maxVectorBits)
        {
            var b = new OpModelBuilder();
            int input = b.Input("x", 1, h, w, c);
            b.Op(BuiltinOperator.DepthwiseConv2D, [input, b.Constant("w", [1, 3, 3, c], filter), b.Constant("b", [c], bias)],
                [b.Output("y", 1, oh, ow, c)], new DepthwiseConv2DOptions(padding, stride, stride, 1, activation, 1, 1));
            return TestData.Run(b.Build(), new ExecutionMode(true, 1, maxVectorBits), x);
        }

        float[] wide = Run(512);
        Assert.Equal(Run(256), wide);
        TestData.AssertClose(ReferenceOps.Depthwise(x, h, w, c, filter, 3, 3, bias, stride, padding, activation), wide);
    }

    [Fact]
    public void A_fused_prelu_keeps_eight_channel_rows_on_the_one_pixel_path_with_the_same_result()
    {
        const int h = 6, w = 9, c = 8;
        var rng = new Random(11);
        float[] x = TestData.Random(rng, h * w * c), filter = TestData.Random(rng, 9 * c), slopes = TestData.Random(rng, c);

        float[] Run(int maxVectorBits)
        {
            var b = new OpModelBuilder();
            int input = b.Input("x", 1, h, w, c);
            int dw = b.Tensor("dw", [1, h, w, c]);
            b.Op(BuiltinOperator.DepthwiseConv2D, [input, b.Constant("w", [1, 3, 3, c], filter)], [dw],
                new DepthwiseConv2DOptions(Padding.Same, 1, 1, 1, FusedActivation.None, 1, 1));
            b.Op(BuiltinOperator.PRelu, [dw, b.Constant("alpha", [1, 1, c], slopes)], [b.Output("y", 1, h, w, c)]);
            return TestData.Run(b.Build(), new ExecutionMode(true, 1, maxVectorBits), x);
        }

        float[] wide = Run(512);
        Assert.Equal(Run(256), wide);
        double[] expected = ReferenceOps.Depthwise(x, h, w, c, filter, 3, 3, null, 1, Padding.Same, FusedActivation.None);
        for (int i = 0; i < expected.Length; i++) expected[i] = expected[i] < 0 ? expected[i] * slopes[i % c] : expected[i];
        TestData.AssertClose(expected, wide);
    }
}
