using FaceMesh.Runtime.Kernels;
using FaceMesh.Runtime.Model;
using FaceMesh.Runtime.Tests.Kernels;

namespace FaceMesh.Runtime.Tests.Graph;

/// <summary>
/// The few-channel separable blocks of the face models (16 -> 16 with a residual and PRELU, 32 -> 8,
/// 8 -> 32 with a residual from another tensor) whose fused step keeps its depthwise band in a
/// buffer of its own rather than in the arena: bit for bit the same as the two layers run as
/// separate steps, and close to a double-precision reference. Odd sizes end in partial 1x1
/// tiles; a band too wide for the buffer takes the arena path.
/// </summary>
public sealed class DepthwisePointwiseBandTests
{
    public static TheoryData<ExecutionMode, int, int, int, int, bool> Cases()
    {
        var cases = new TheoryData<ExecutionMode, int, int, int, int, bool>();
        ExecutionMode[] modes =
        [
            new(true, 1), new(true, 1, 256), new(false, 1), new(true, 2), new(true, 2, 256),
        ];
        foreach (ExecutionMode mode in modes)
        {
            cases.Add(mode, 96, 96, 16, 16, true);  // landmark models' first blocks
            cases.Add(mode, 96, 96, 32, 8, false);  // full-range detector, narrowing
            cases.Add(mode, 96, 96, 8, 32, true);   // full-range detector, widening with the block's shortcut
            cases.Add(mode, 13, 11, 16, 16, true);  // 143 pixels: a last tile of 5
            cases.Add(mode, 7, 5, 8, 32, true);     // 35 pixels: a last tile of 5, bands of 6 rows
            cases.Add(mode, 5, 7, 32, 8, false);    // 35 pixels: a last tile of 5, one band
            cases.Add(mode, 9, 13, 16, 16, false);  // 117 pixels: a last tile of 3 (the one-pixel micro-kernels)
            cases.Add(mode, 7, 9, 10, 8, true);     // 8 outputs from input channel pairs, with a shortcut and a last tile of 3
            cases.Add(mode, 6, 6, 9, 8, false);     // 8 outputs from an odd input channel count: the general tile
            cases.Add(mode, 7, 9, 12, 2, true);     // 2 outputs from input channel pairs, with a shortcut and a last tile of 3
            cases.Add(mode, 2, 700, 24, 8, true);   // one band of 33600 floats: too wide for the buffer, stays in the arena
            cases.Add(mode, 64, 64, 24, 24, true);  // short-range detector's first blocks: 24 fixed inputs, a two-vector panel
            cases.Add(mode, 13, 11, 24, 28, true);  // 24 fixed inputs to 28, a shortcut of its own and a last tile of 5
            cases.Add(mode, 9, 13, 16, 12, false);  // 16 fixed inputs to a part-filled vector, a last tile of 3
            cases.Add(mode, 7, 9, 24, 40, false);   // 24 fixed inputs: a two-vector panel, then a one-vector panel
            cases.Add(mode, 8, 8, 16, 48, true);    // 16 fixed inputs: two panels, with a shortcut
            cases.Add(mode, 11, 9, 32, 36, true);   // 32 fixed inputs to 36 (a one-vector second panel), a last tile of 3
            cases.Add(mode, 8, 7, 36, 42, true);    // 36 fixed inputs to 42, as in the short-range detector
            cases.Add(mode, 9, 7, 64, 64, true);    // 64 fixed inputs, PRELU
            cases.Add(mode, 6, 7, 42, 48, true);    // 42 fixed inputs to a two-vector and a one-vector panel
            cases.Add(mode, 16, 16, 80, 88, true);  // 80 fixed inputs to a part-filled two-vector panel, a last tile of 4
            cases.Add(mode, 5, 5, 72, 80, false);   // 72 fixed inputs, a last tile of 1
            cases.Add(mode, 4, 5, 88, 96, true);    // 88 fixed inputs, a last tile of 2
            cases.Add(mode, 3, 5, 96, 96, true);    // 96 fixed inputs, PRELU, a last tile of 3
            cases.Add(mode, 5, 6, 128, 128, true);  // 128 fixed inputs: four panels, PRELU
            cases.Add(mode, 9, 7, 8, 12, true);     // 8 fixed inputs to a part-filled two-vector panel, a shortcut of its own, a last tile of 3
            cases.Add(mode, 6, 5, 8, 40, false);    // 8 fixed inputs: two-vector panels, then a one-vector panel
        }
        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_fused_pair_equals_its_layers_run_apart_and_the_reference(ExecutionMode mode, int h, int w, int c, int cout, bool residual)
    {
        var rng = new Random(h * 1000 + w * 10 + c);
        float[] x = TestData.Random(rng, h * w * c);
        float[] shortcut = cout == c ? x : TestData.Random(rng, h * w * cout);
        float[] depthwise = TestData.Random(rng, 9 * c), depthwiseBias = TestData.Random(rng, c);
        float[] pointwise = TestData.Random(rng, cout * c), bias = TestData.Random(rng, cout);
        float[] slopes = TestData.Random(rng, cout);
        bool prelu = residual && cout == c;

        float[] Run(bool exposeDepthwise, out int steps, out bool fused)
        {
            var b = new OpModelBuilder();
            int input = b.Input("x", 1, h, w, c);
            int shortcutTensor = cout == c ? input : b.Input("s", 1, h, w, cout);
            int dw = exposeDepthwise ? b.Output("dw", 1, h, w, c) : b.Tensor("dw", [1, h, w, c]);
            b.Op(BuiltinOperator.DepthwiseConv2D, [input, b.Constant("dw/w", [1, 3, 3, c], depthwise), b.Constant("dw/b", [c], depthwiseBias)],
                [dw], new DepthwiseConv2DOptions(Padding.Same, 1, 1, 1, FusedActivation.None, 1, 1));
            int conv = residual ? b.Tensor("pw", [1, h, w, cout]) : b.Output("y", 1, h, w, cout);
            b.Op(BuiltinOperator.Conv2D, [dw, b.Constant("pw/w", [cout, 1, 1, c], pointwise), b.Constant("pw/b", [cout], bias)],
                [conv], new Conv2DOptions(Padding.Valid, 1, 1, FusedActivation.None, 1, 1));
            if (prelu)
            {
                int sum = b.Tensor("sum", [1, h, w, cout]);
                b.Op(BuiltinOperator.Add, [conv, shortcutTensor], [sum], new ArithmeticOptions(FusedActivation.None));
                b.Op(BuiltinOperator.PRelu, [sum, b.Constant("alpha", [1, 1, cout], slopes)], [b.Output("y", 1, h, w, cout)]);
            }
            else if (residual)
            {
                b.Op(BuiltinOperator.Add, [conv, shortcutTensor], [b.Output("y", 1, h, w, cout)], new ArithmeticOptions(FusedActivation.Relu));
            }
            using var interpreter = new Interpreter(b.Build(), mode.Options);
            x.CopyTo(interpreter.GetInput("x"));
            if (cout != c) shortcut.CopyTo(interpreter.GetInput("s"));
            interpreter.Invoke();
            steps = interpreter.Graph.Steps.Count;
            fused = interpreter.Graph.Steps.Any(s => s.Kernel is DepthwisePointwiseKernel);
            return interpreter.GetOutput("y").ToArray();
        }

        float[] together = Run(exposeDepthwise: false, out int fusedSteps, out bool isFused);
        float[] apart = Run(exposeDepthwise: true, out int apartSteps, out bool apartFused);

        Assert.True(isFused);
        Assert.Equal(1, fusedSteps);
        Assert.False(apartFused);
        Assert.Equal(2, apartSteps);
        Assert.Equal(apart, together);

        double[] hidden = ReferenceOps.Depthwise(x, h, w, c, depthwise, 3, 3, depthwiseBias, 1, Padding.Same, FusedActivation.None);
        double[] expected = ReferenceOps.Conv2D(hidden.Select(v => (float)v).ToArray(), h, w, c, pointwise, cout, 1, 1, bias, 1, Padding.Valid, FusedActivation.None);
        if (residual)
        {
            for (int i = 0; i < expected.Length; i++)
            {
                double sum = expected[i] + shortcut[i];
                expected[i] = prelu ? (sum < 0 ? sum * slopes[i % cout] : sum) : Math.Max(0, sum);
            }
        }
        TestData.AssertClose(expected, together, 1e-4);
    }
}
