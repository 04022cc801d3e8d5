using FaceMesh.Runtime.Model;

namespace FaceMesh.Runtime.Tests.Kernels;

/// <summary>
/// On the 256-bit path a 3x3 depthwise layer whose channels are not a whole number of vectors
/// computes its last block as the whole vector that ends at its last channel, so a few channels
/// are computed twice and nothing is loaded or stored masked. Every output must equal, bit for
/// bit, the same channel of a layer of whole blocks (the same weights and inputs for the shared
/// channels, so the same chains), at both strides and on both vector widths, and be close to the
/// double-precision reference. Widths leave no interior column, one, or many.
/// </summary>
public sealed class DepthwiseOverlappedBlockTests
{
    public static TheoryData<int, int, int, int> Cases()
    {
        var cases = new TheoryData<int, int, int, int>();
        foreach (int c in new[] { 9, 28, 36, 42 })
            foreach (int stride in new[] { 1, 2 })
                foreach (int width in new[] { 1, 3, 33 })
                    foreach (int bits in new[] { 512, 256 })
                        cases.Add(c, stride, width, bits);
        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_last_partial_block_matches_a_layer_of_whole_blocks_and_the_reference(int c, int stride, int w, int maxVectorBits)
    {
        const int h = 6, block = 16;
        int whole = (c + block - 1) / block * block;
        var rng = new Random(c * 1000 + stride * 100 + w);
        float[] x = TestData.Random(rng, h * w * whole), filter = TestData.Random(rng, 9 * whole), bias = TestData.Random(rng, whole);
        var (oh, _) = ReferenceOps.Window(Padding.Same, h, 3, stride);
        var (ow, _) = ReferenceOps.Window(Padding.Same, w, 3, stride);

        float[] Run(int channels)
        {
            var b = new OpModelBuilder();
            int input = b.Input("x", 1, h, w, channels);
            b.Op(BuiltinOperator.DepthwiseConv2D, [input, b.Constant("w", [1, 3, 3, channels], TestData.FirstChannels(filter, 9, channels)),
                b.Constant("b", [channels], bias[..channels])], [b.Output("y", 1, oh, ow, channels)],
                new DepthwiseConv2DOptions(Padding.Same, stride, stride, 1, FusedActivation.Relu6, 1, 1));
            return TestData.Run(b.Build(), new ExecutionMode(true, 1, maxVectorBits), TestData.FirstChannels(x, h * w, channels));
        }

        float[] expected = TestData.FirstChannels(Run(whole), oh * ow, c);
        float[] actual = Run(c);
        Assert.Equal(expected, actual);
        TestData.AssertClose(ReferenceOps.Depthwise(TestData.FirstChannels(x, h * w, c), h, w, c, TestData.FirstChannels(filter, 9, c), 3, 3,
            bias[..c], stride, Padding.Same, FusedActivation.Relu6), actual);
    }
}
