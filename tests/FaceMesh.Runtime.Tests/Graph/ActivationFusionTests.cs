using FaceMesh.Runtime.Model;
using FaceMesh.Runtime.Tests.Kernels;

namespace FaceMesh.Runtime.Tests.Graph;

public sealed class ActivationFusionTests
{
    public static TheoryData<ExecutionMode> Modes() => ExecutionMode.All;

    [Theory]
    [MemberData(nameof(Modes))]
    public void Conv_then_prelu_runs_as_one_step_with_the_same_result(ExecutionMode mode)
    {
        var rng = new Random(21);
        float[] x = TestData.Random(rng, 5 * 5 * 7), w = TestData.Random(rng, 17 * 7), alpha = TestData.Random(rng, 17);
        var b = new OpModelBuilder();
        int input = b.Input("x", 1, 5, 5, 7);
        int conv = b.Tensor("conv", [1, 5, 5, 17]);
        int output = b.Output("y", 1, 5, 5, 17);
        b.Op(BuiltinOperator.Conv2D, [input, b.Constant("w", [17, 1, 1, 7], w)], [conv], new Conv2DOptions(Padding.Valid, 1, 1, FusedActivation.None, 1, 1));
        b.Op(BuiltinOperator.PRelu, [conv, b.Constant("alpha", [1, 1, 17], alpha)], [output]);

        using var interpreter = new Interpreter(b.Build(), mode.Options);
        x.CopyTo(interpreter.GetInput(0));
        interpreter.Invoke();

        Assert.Single(interpreter.Graph.Steps);
        double[] expected = ReferenceOps.Conv2D(x, 5, 5, 7, w, 17, 1, 1, null, 1, Padding.Valid, FusedActivation.None)
            .Select((v, i) => v >= 0 ? v : v * alpha[i % 17]).ToArray();
        TestData.AssertClose(expected, interpreter.GetOutput(0));
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void Add_then_relu_and_depthwise_then_prelu_fuse(ExecutionMode mode)
    {
        var rng = new Random(22);
        float[] x = TestData.Random(rng, 4 * 6 * 19), w = TestData.Random(rng, 9 * 19), alpha = TestData.Random(rng, 19);
        var b = new OpModelBuilder();
        int input = b.Input("x", 1, 4, 6, 19);
        int dw = b.Tensor("dw", [1, 4, 6, 19]);
        int act = b.Tensor("act", [1, 4, 6, 19]);
        int sum = b.Tensor("sum", [1, 4, 6, 19]);
        int output = b.Output("y", 1, 4, 6, 19);
        b.Op(BuiltinOperator.DepthwiseConv2D, [input, b.Constant("w", [1, 3, 3, 19], w)], [dw],
            new DepthwiseConv2DOptions(Padding.Same, 1, 1, 1, FusedActivation.None, 1, 1));
        b.Op(BuiltinOperator.PRelu, [dw, b.Constant("alpha", [1, 1, 19], alpha)], [act]);
        b.Op(BuiltinOperator.Add, [act, input], [sum], new ArithmeticOptions(FusedActivation.None));
        b.Op(BuiltinOperator.Relu, [sum], [output]);

        using var interpreter = new Interpreter(b.Build(), mode.Options);
        x.CopyTo(interpreter.GetInput(0));
        interpreter.Invoke();

        Assert.Equal(2, interpreter.Graph.Steps.Count);
        double[] expected = ReferenceOps.Depthwise(x, 4, 6, 19, w, 3, 3, null, 1, Padding.Same, FusedActivation.None)
            .Select((v, i) => Math.Max(0, (v >= 0 ? v : v * alpha[i % 19]) + x[i])).ToArray();
        TestData.AssertClose(expected, interpreter.GetOutput(0));
    }

    [Fact]
    public void An_intermediate_with_another_reader_or_that_is_a_graph_output_is_not_fused()
    {
        var b = new OpModelBuilder();
        int input = b.Input("x", 1, 2, 2, 3);
        int conv = b.Output("conv", 1, 2, 2, 3);
        int output = b.Output("y", 1, 2, 2, 3);
        b.Op(BuiltinOperator.Conv2D, [input, b.Constant("w", [3, 1, 1, 3], [1, 0, 0, 0, 1, 0, 0, 0, 1])], [conv],
            new Conv2DOptions(Padding.Valid, 1, 1, FusedActivation.None, 1, 1));
        b.Op(BuiltinOperator.Relu, [conv], [output]);
        float[] x = [-1, 2, -3, 4, -5, 6, -7, 8, -9, 10, -11, 12];

        using var interpreter = new Interpreter(b.Build());
        x.CopyTo(interpreter.GetInput(0));
        interpreter.Invoke();

        Assert.Equal(2, interpreter.Graph.Steps.Count);
        Assert.Equal(x, interpreter.GetOutput("conv").ToArray());
        Assert.Equal(x.Select(v => Math.Max(0, v)).ToArray(), interpreter.GetOutput("y").ToArray());
    }
}
