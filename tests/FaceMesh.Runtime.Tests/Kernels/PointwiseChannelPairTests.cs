using FaceMesh.Runtime.Model;

namespace FaceMesh.Runtime.Tests.Kernels;

/// <summary>
/// A 1x1 layer to 8, 4 or 2 outputs runs input channel pairs in lane pairs: 8 on the 512-bit path,
/// 4 and 2 on both (the standalone layer here; the fused depthwise+1x1 pairs in
/// DepthwisePointwiseBandTests). Every output must equal, bit for bit, the general tile, which
/// sums the same chains: the 256-bit path for 8 outputs, and for 4 and 2 the first outputs of a
/// layer with one output more (5 and 3 are not paired), and be close to the double-precision
/// reference. Pixel counts end in a partial tile of five (the six-pixel tile) or two (the one-pixel
/// tile); an odd input channel count keeps the general tile on both paths.
/// </summary>
public sealed class PointwiseChannelPairTests
{
    public static TheoryData<int, int, int, int, FusedActivation, bool> Cases()
    {
        var cases = new TheoryData<int, int, int, int, FusedActivation, bool>();
        foreach (int cout in new[] { 8, 4, 2 })
        {
            cases.Add(5, 7, 48, cout, FusedActivation.None, false);   // 35 pixels: a last tile of 5
            cases.Add(2, 4, 2, cout, FusedActivation.Relu, false);    // 8 pixels: one tile and 2 more
            cases.Add(12, 12, 16, cout, FusedActivation.Relu6, true); // whole tiles, a shortcut added
            cases.Add(5, 7, 9, cout, FusedActivation.None, true);     // odd input channels
        }
        cases.Add(16, 16, 88, 2, FusedActivation.None, false); // the short-range detector's score head
        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Few_output_1x1_layers_match_the_256_bit_path_and_the_reference(int h, int w, int c, int cout, FusedActivation activation, bool residual)
    {
        var rng = new Random(h * 100 + w * 10 + c + cout);
        float[] x = TestData.Random(rng, h * w * c), shortcut = TestData.Random(rng, h * w * cout);
        float[] filter = TestData.Random(rng, cout * c), bias = TestData.Random(rng, cout);
        // The layer one output wider: the same weights, bias and shortcut for the shared outputs.
        float[] extra = TestData.Random(rng, c + 1 + h * w);
        float[] wideShortcut = new float[h * w * (cout + 1)];
        for (int p = 0; p < h * w; p++)
        {
            Array.Copy(shortcut, p * cout, wideShortcut, p * (cout + 1), cout);
            wideShortcut[p * (cout + 1) + cout] = extra[c + 1 + p];
        }

        float[] Run(int maxVectorBits, int outputs)
        {
            bool wider = outputs > cout;
            var b = new OpModelBuilder();
            int input = b.Input("x", 1, h, w, c);
            int shortcutInput = residual ? b.Input("s", 1, h, w, outputs) : -1;
            int conv = residual ? b.Tensor("conv", [1, h, w, outputs]) : b.Output("y", 1, h, w, outputs);
            b.Op(BuiltinOperator.Conv2D, [input, b.Constant("w", [outputs, 1, 1, c], wider ? [.. filter, .. extra[..c]] : filter),
                    b.Constant("b", [outputs], wider ? [.. bias, extra[c]] : bias)],
                [conv], new Conv2DOptions(Padding.Valid, 1, 1, residual ? FusedActivation.None : activation, 1, 1));
            if (residual)
                b.Op(BuiltinOperator.Add, [conv, shortcutInput], [b.Output("y", 1, h, w, outputs)], new ArithmeticOptions(activation));
            using var interpreter = new Interpreter(b.Build(), new ExecutionMode(true, 1, maxVectorBits).Options);
            x.CopyTo(interpreter.GetInput("x"));
            if (residual) (wider ? wideShortcut : shortcut).CopyTo(interpreter.GetInput("s"));
            interpreter.Invoke();
            Assert.Single(interpreter.Graph.Steps);
            float[] y = interpreter.GetOutput("y").ToArray();
            return wider ? TestData.FirstChannels(y, h * w, cout) : y;
        }

        float[] general = cout == 8 ? Run(256, cout) : Run(256, cout + 1);
        float[] wide = Run(512, cout);
        Assert.Equal(general, wide);
        Assert.Equal(general, Run(256, cout));
        double[] expected = ReferenceOps.Conv2D(x, h, w, c, filter, cout, 1, 1, bias, 1, Padding.Valid, residual ? FusedActivation.None : activation);
        if (residual)
        {
            for (int i = 0; i < expected.Length; i++)
            {
                double sum = expected[i] + shortcut[i];
                expected[i] = activation == FusedActivation.Relu6 ? Math.Clamp(sum, 0, 6) : activation == FusedActivation.Relu ? Math.Max(0, sum) : sum;
            }
        }
        TestData.AssertClose(expected, wide, 1e-4);
    }
}
