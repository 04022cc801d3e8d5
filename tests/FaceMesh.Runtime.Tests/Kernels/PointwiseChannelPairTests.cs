using FaceMesh.Runtime.Kernels;
using FaceMesh.Runtime.Model;

namespace FaceMesh.Runtime.Tests.Kernels;

/// <summary>
/// A 1x1 layer to 8, 4 or 2 outputs runs input channel pairs in lane pairs (8 on the 512-bit path
/// only, 4 and 2 on both; the standalone layer here, the fused depthwise+1x1 pairs in
/// DepthwisePointwiseBandTests). Every output must equal the other path's bit for bit and, where a
/// vector path runs, the general one-vector tile's chains, computed here one fused multiply-add at
/// a time: the even input channels from the bias, the odd ones from zero, their sum, the
/// shortcut, the clamp; and be close to the double-precision reference. Pixel counts end in a
/// partial tile of five (the six-pixel tile) or two (the one-pixel tile); an odd input channel
/// count keeps the general tile on both paths.
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

        float[] Run(int maxVectorBits)
        {
            var b = new OpModelBuilder();
            int input = b.Input("x", 1, h, w, c);
            int shortcutInput = residual ? b.Input("s", 1, h, w, cout) : -1;
            int conv = residual ? b.Tensor("conv", [1, h, w, cout]) : b.Output("y", 1, h, w, cout);
            b.Op(BuiltinOperator.Conv2D, [input, b.Constant("w", [cout, 1, 1, c], filter), b.Constant("b", [cout], bias)],
                [conv], new Conv2DOptions(Padding.Valid, 1, 1, residual ? FusedActivation.None : activation, 1, 1));
            if (residual)
                b.Op(BuiltinOperator.Add, [conv, shortcutInput], [b.Output("y", 1, h, w, cout)], new ArithmeticOptions(activation));
            using var interpreter = new Interpreter(b.Build(), new ExecutionMode(true, 1, maxVectorBits).Options);
            x.CopyTo(interpreter.GetInput("x"));
            if (residual) shortcut.CopyTo(interpreter.GetInput("s"));
            interpreter.Invoke();
            Assert.Single(interpreter.Graph.Steps);
            return interpreter.GetOutput("y").ToArray();
        }

        float[] wide = Run(512);
        Assert.Equal(Run(256), wide);
        // Without a vector path (the reduced-instruction-set runs) the scalar tile sums in its own order.
        if (SimdSupport.Select(useSimd: true, 512) != VectorIsa.Scalar)
            Assert.Equal(EvenOddChains(x, h * w, c, filter, cout, bias, residual ? shortcut : null, activation), wide);
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

    /// <summary>The general one-vector tile's sums, one fused multiply-add at a time.</summary>
    private static float[] EvenOddChains(float[] x, int pixels, int c, float[] filter, int cout, float[] bias, float[]? shortcut,
        FusedActivation activation)
    {
        var y = new float[pixels * cout];
        for (int p = 0; p < pixels; p++)
        {
            for (int o = 0; o < cout; o++)
            {
                float even = bias[o], odd = 0f;
                for (int k = 0; k < c; k++)
                {
                    if (k % 2 == 0) even = MathF.FusedMultiplyAdd(x[p * c + k], filter[o * c + k], even);
                    else odd = MathF.FusedMultiplyAdd(x[p * c + k], filter[o * c + k], odd);
                }
                float value = even + odd;
                if (shortcut is not null) value += shortcut[p * cout + o];
                if (activation != FusedActivation.None) value = MathF.Max(0f, value);
                if (activation == FusedActivation.Relu6) value = MathF.Min(6f, value);
                y[p * cout + o] = value;
            }
        }
        return y;
    }
}
