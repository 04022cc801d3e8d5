using FaceMesh.Runtime.Kernels;
using FaceMesh.Runtime.Model;

namespace FaceMesh.Runtime.Tests.Kernels;

/// <summary>
/// A fused depthwise+1x1 pair whose 1x1 ends in a panel of 8 or 4 outputs (the short-range
/// detector's 32 -> 36 and 64 -> 72 blocks) runs that panel as input channel pairs (8 outputs on
/// the 512-bit path only, 4 on both). Every output must equal, bit for bit, the same layers run
/// apart on either path (the standalone 1x1 runs the general one-vector tile, of the same chains),
/// and be close to the double-precision reference. Cases cover fixed and general input counts,
/// shortcuts padded from fewer channels (as in the detector) that stop before the tail or reach
/// into it, activations, last tiles of 3, and odd input counts (the general tile throughout).
/// </summary>
public sealed class PointwiseTailPairTests
{
    public static TheoryData<int, int, int, int, FusedActivation, bool> Cases() => new()
    {
        { 11, 9, 32, 36, FusedActivation.Relu6, true }, // 32 fixed inputs, 4-output tail, shortcut of 32, last tile of 3
        { 8, 8, 32, 36, FusedActivation.None, false },
        { 16, 16, 64, 72, FusedActivation.Relu, true }, // the detector's 16x16 block: 64 fixed inputs, 8-output tail
        { 7, 9, 64, 72, FusedActivation.Relu6, false },
        { 9, 7, 48, 72, FusedActivation.Relu, true },   // 48 inputs: the general sweep
        { 6, 10, 10, 40, FusedActivation.Relu6, false }, // 10 inputs, 8-output tail
        { 5, 7, 6, 36, FusedActivation.None, true },    // 6 inputs, shortcut of 6
        { 9, 9, 36, 40, FusedActivation.Relu, true },   // shortcut of 36 reaches the tail: the general tile
        { 7, 7, 9, 36, FusedActivation.None, false },   // odd input count: the general tile
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Tail_panels_match_the_layers_apart_the_256_bit_path_and_the_reference(int h, int w, int c, int cout,
        FusedActivation activation, bool residual)
    {
        var rng = new Random(h * 1000 + w * 10 + c + cout);
        float[] x = TestData.Random(rng, h * w * c);
        float[] depthwise = TestData.Random(rng, 9 * c), depthwiseBias = TestData.Random(rng, c);
        float[] pointwise = TestData.Random(rng, cout * c), bias = TestData.Random(rng, cout);

        float[] Run(bool exposeDepthwise, int maxVectorBits)
        {
            var b = new OpModelBuilder();
            int input = b.Input("x", 1, h, w, c);
            int dw = exposeDepthwise ? b.Output("dw", 1, h, w, c) : b.Tensor("dw", [1, h, w, c]);
            b.Op(BuiltinOperator.DepthwiseConv2D, [input, b.Constant("dw/w", [1, 3, 3, c], depthwise), b.Constant("dw/b", [c], depthwiseBias)],
                [dw], new DepthwiseConv2DOptions(Padding.Same, 1, 1, 1, FusedActivation.None, 1, 1));
            int conv = residual ? b.Tensor("pw", [1, h, w, cout]) : b.Output("y", 1, h, w, cout);
            b.Op(BuiltinOperator.Conv2D, [dw, b.Constant("pw/w", [cout, 1, 1, c], pointwise), b.Constant("pw/b", [cout], bias)],
                [conv], new Conv2DOptions(Padding.Valid, 1, 1, residual ? FusedActivation.None : activation, 1, 1));
            if (residual)
            {
                int padded = b.Tensor("pad", [1, h, w, cout]);
                b.Op(BuiltinOperator.Pad, [input, b.IntConstant("pads", [4, 2], [0, 0, 0, 0, 0, 0, 0, cout - c])], [padded]);
                b.Op(BuiltinOperator.Add, [padded, conv], [b.Output("y", 1, h, w, cout)], new ArithmeticOptions(activation));
            }
            using var interpreter = new Interpreter(b.Build(), new ExecutionMode(true, 1, maxVectorBits).Options);
            x.CopyTo(interpreter.GetInput("x"));
            interpreter.Invoke();
            Assert.Equal(!exposeDepthwise, interpreter.Graph.Steps.Any(s => s.Kernel is DepthwisePointwiseKernel));
            if (residual) Assert.Contains(interpreter.Graph.Steps, s => s.Kernel.Describe().EndsWith($" +residual({c} of {cout} ch)"));
            return interpreter.GetOutput("y").ToArray();
        }

        float[] fused = Run(exposeDepthwise: false, 512);
        Assert.Equal(Run(exposeDepthwise: true, 512), fused);
        Assert.Equal(Run(exposeDepthwise: false, 256), fused);
        Assert.Equal(Run(exposeDepthwise: true, 256), fused);

        double[] hidden = ReferenceOps.Depthwise(x, h, w, c, depthwise, 3, 3, depthwiseBias, 1, Padding.Same, FusedActivation.None);
        double[] expected = ReferenceOps.Conv2D(hidden.Select(v => (float)v).ToArray(), h, w, c, pointwise, cout, 1, 1, bias, 1,
            Padding.Valid, residual ? FusedActivation.None : activation);
        if (residual)
        {
            for (int i = 0; i < expected.Length; i++)
            {
                int channel = i % cout;
                double sum = expected[i] + (channel < c ? x[i / cout * c + channel] : 0);
                expected[i] = activation == FusedActivation.Relu6 ? Math.Clamp(sum, 0, 6) : activation == FusedActivation.Relu ? Math.Max(0, sum) : sum;
            }
        }
        TestData.AssertClose(expected, fused, 1e-4);
    }
}
