using FaceMesh.Runtime.Graph;
using FaceMesh.Runtime.Kernels;
using FaceMesh.Runtime.Model;
using FaceMesh.Runtime.Tests.Kernels;

namespace FaceMesh.Runtime.Tests.Graph;

/// <summary>
/// A depthwise convolution whose output only a 1x1 convolution reads runs with it band by band as
/// one step; the result must equal the double-precision reference and, bit for bit, the same
/// layers run as two steps. Widths cover bands that must span several rows to end on a 1x1 tile.
/// </summary>
public sealed class DepthwisePointwiseFusionTests
{
    public static TheoryData<ExecutionMode, int, int, int, int> Cases()
    {
        var cases = new TheoryData<ExecutionMode, int, int, int, int>();
        ExecutionMode[] modes =
        [
            new(true, 1), new(true, 1, 256), new(false, 1), new(true, 2), new(true, 3), new(false, 2),
        ];
        foreach (ExecutionMode mode in modes)
        {
            cases.Add(mode, 12, 12, 64, 16);  // bands of 5 rows (whole rows are whole tiles), the last of 2
            cases.Add(mode, 15, 7, 100, 19);  // 7 pixels a row: bands of 6 rows, the last of 3 ending in a partial tile
            cases.Add(mode, 20, 10, 200, 6);  // bands of 3 rows (10 pixels a row), the last of 2
            cases.Add(mode, 3, 3, 32, 40);    // one band
        }
        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Depthwise_then_pointwise_run_as_one_step_equal_to_the_reference_and_to_two_steps(ExecutionMode mode, int h, int w, int c, int cout)
    {
        var rng = new Random(h * 100 + w);
        float[] x = TestData.Random(rng, h * w * c);
        float[] depthwise = TestData.Random(rng, 9 * c), depthwiseBias = TestData.Random(rng, c);
        float[] pointwise = TestData.Random(rng, cout * c), bias = TestData.Random(rng, cout);

        Interpreter Build(bool exposeDepthwise)
        {
            var b = new OpModelBuilder();
            int input = b.Input("x", 1, h, w, c);
            int dw = exposeDepthwise ? b.Output("dw", 1, h, w, c) : b.Tensor("dw", [1, h, w, c]);
            b.Op(BuiltinOperator.DepthwiseConv2D, [input, b.Constant("dw/w", [1, 3, 3, c], depthwise), b.Constant("dw/b", [c], depthwiseBias)],
                [dw], new DepthwiseConv2DOptions(Padding.Same, 1, 1, 1, FusedActivation.Relu, 1, 1));
            b.Op(BuiltinOperator.Conv2D, [dw, b.Constant("pw/w", [cout, 1, 1, c], pointwise), b.Constant("pw/b", [cout], bias)],
                [b.Output("y", 1, h, w, cout)], new Conv2DOptions(Padding.Valid, 1, 1, FusedActivation.None, 1, 1));
            var interpreter = new Interpreter(b.Build(), mode.Options);
            x.CopyTo(interpreter.GetInput(0));
            interpreter.Invoke();
            return interpreter;
        }

        using var fused = Build(exposeDepthwise: false);
        using var separate = Build(exposeDepthwise: true);

        Assert.IsType<DepthwisePointwiseKernel>(Assert.Single(fused.Graph.Steps).Kernel);
        Assert.Equal(2, separate.Graph.Steps.Count);
        double[] hidden = ReferenceOps.Depthwise(x, h, w, c, depthwise, 3, 3, depthwiseBias, 1, Padding.Same, FusedActivation.Relu);
        double[] expected = ReferenceOps.Conv2D(hidden.Select(v => (float)v).ToArray(), h, w, c, pointwise, cout, 1, 1, bias, 1, Padding.Valid, FusedActivation.None);
        TestData.AssertClose(expected, fused.GetOutput("y"), 1e-4);
        Assert.Equal(separate.GetOutput("y").ToArray(), fused.GetOutput("y").ToArray());
    }

    [Fact]
    public void A_strided_or_3x3_convolution_after_a_depthwise_stays_a_separate_step()
    {
        var rng = new Random(3);
        var b = new OpModelBuilder();
        int input = b.Input("x", 1, 8, 8, 4);
        int dw = b.Tensor("dw", [1, 8, 8, 4]);
        b.Op(BuiltinOperator.DepthwiseConv2D, [input, b.Constant("dw/w", [1, 3, 3, 4], TestData.Random(rng, 36))],
            [dw], new DepthwiseConv2DOptions(Padding.Same, 1, 1, 1, FusedActivation.None, 1, 1));
        b.Op(BuiltinOperator.Conv2D, [dw, b.Constant("w", [6, 3, 3, 4], TestData.Random(rng, 216))],
            [b.Output("y", 1, 8, 8, 6)], new Conv2DOptions(Padding.Same, 1, 1, FusedActivation.None, 1, 1));

        using var interpreter = new Interpreter(b.Build());

        Assert.Equal(2, interpreter.Graph.Steps.Count);
        Assert.DoesNotContain(interpreter.Graph.Steps, s => s.Kernel is DepthwisePointwiseKernel);
    }
}
