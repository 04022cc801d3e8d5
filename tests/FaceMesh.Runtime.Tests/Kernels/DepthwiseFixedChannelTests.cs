using FaceMesh.Runtime.Model;

namespace FaceMesh.Runtime.Tests.Kernels;

/// <summary>
/// Stride-1 3x3 depthwise rows with 16, 24 or 32 channels sweep their interior with the channel count
/// fixed at JIT time. Every output must equal, bit for bit, the general row of a layer with one
/// channel more (the same weights and inputs for the shared channels, so the same chains) on both
/// vector widths, and be close to the double-precision reference. Widths leave an odd interior
/// column count, one column or none; PRELU and RELU6 fused into the layer take their epilogues,
/// and layers without either take AVX2's six-pixel sweep.
/// </summary>
public sealed class DepthwiseFixedChannelTests
{
    public static TheoryData<int, int, int, Padding, string, int> Cases()
    {
        var cases = new TheoryData<int, int, int, Padding, string, int>();
        foreach (int c in new[] { 16, 24, 32 })
        {
            foreach (int bits in new[] { 512, 256 })
            {
                foreach (int width in new[] { 1, 2, 3, 4, 7, 96 })
                {
                    cases.Add(c, 5, width, Padding.Same, "relu6", bits);
                    cases.Add(c, 4, width + 2, Padding.Valid, "prelu", bits);
                    cases.Add(c, 3, width + 5, Padding.Same, "none", bits); // AVX2's six-pixel sweep: no activation only
                }
            }
        }
        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Fixed_channel_rows_match_the_general_row_and_the_reference(int c, int h, int w, Padding padding, string epilogue, int maxVectorBits)
    {
        var rng = new Random(c * 1000 + h * 31 + w);
        bool prelu = epilogue == "prelu";
        FusedActivation activation = epilogue == "relu6" ? FusedActivation.Relu6 : FusedActivation.None;
        const int more = 1;
        int wide = c + more;
        float[] x = TestData.Random(rng, h * w * wide), filter = TestData.Random(rng, 9 * wide), bias = TestData.Random(rng, wide);
        float[] slopes = TestData.Random(rng, wide);
        var (oh, _) = ReferenceOps.Window(padding, h, 3, 1);
        var (ow, _) = ReferenceOps.Window(padding, w, 3, 1);

        float[] Run(int channels)
        {
            var b = new OpModelBuilder();
            int input = b.Input("x", 1, h, w, channels);
            int dw = prelu ? b.Tensor("dw", [1, oh, ow, channels]) : b.Output("y", 1, oh, ow, channels);
            b.Op(BuiltinOperator.DepthwiseConv2D, [input, b.Constant("w", [1, 3, 3, channels], TestData.FirstChannels(filter, 9, channels)),
                b.Constant("b", [channels], bias[..channels])], [dw],
                new DepthwiseConv2DOptions(padding, 1, 1, 1, activation, 1, 1));
            if (prelu)
                b.Op(BuiltinOperator.PRelu, [dw, b.Constant("alpha", [1, 1, channels], slopes[..channels])], [b.Output("y", 1, oh, ow, channels)]);
            return TestData.Run(b.Build(), new ExecutionMode(true, 1, maxVectorBits), TestData.FirstChannels(x, h * w, channels));
        }

        // The wider layer's pixels hold one channel more: keep the first c of each.
        float[] expected = TestData.FirstChannels(Run(wide), oh * ow, c);
        float[] fixedChannels = Run(c);
        Assert.Equal(expected, fixedChannels);

        double[] reference = ReferenceOps.Depthwise(TestData.FirstChannels(x, h * w, c), h, w, c, TestData.FirstChannels(filter, 9, c), 3, 3, bias[..c], 1, padding,
            activation);
        if (prelu)
        {
            for (int i = 0; i < reference.Length; i++)
                if (reference[i] < 0) reference[i] *= slopes[i % c];
        }
        TestData.AssertClose(reference, fixedChannels);
    }
}
