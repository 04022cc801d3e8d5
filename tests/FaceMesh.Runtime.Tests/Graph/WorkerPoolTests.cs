using FaceMesh.Runtime.Model;

namespace FaceMesh.Runtime.Tests.Graph;

public sealed class WorkerPoolTests
{
    [Fact]
    public void Repeated_threaded_invocations_always_equal_the_single_threaded_result()
    {
        var rng = new Random(31);
        var b = new OpModelBuilder();
        int input = b.Input("x", 1, 24, 24, 16);
        int hidden = b.Tensor("h", [1, 24, 24, 40]);
        int output = b.Output("y", 1, 12, 12, 40);
        b.Op(BuiltinOperator.Conv2D, [input, b.Constant("w", [40, 1, 1, 16], TestData.Random(rng, 640))], [hidden],
            new Conv2DOptions(Padding.Valid, 1, 1, FusedActivation.Relu, 1, 1));
        b.Op(BuiltinOperator.DepthwiseConv2D, [hidden, b.Constant("d", [1, 3, 3, 40], TestData.Random(rng, 360))], [output],
            new DepthwiseConv2DOptions(Padding.Same, 2, 2, 1, FusedActivation.None, 1, 1));
        var model = b.Build();
        using var single = new Interpreter(model);
        using var threaded = new Interpreter(model, new InterpreterOptions { ThreadCount = 3 });

        for (int run = 0; run < 200; run++)
        {
            float[] x = TestData.Random(rng, 24 * 24 * 16);
            x.CopyTo(single.GetInput(0));
            x.CopyTo(threaded.GetInput(0));
            single.Invoke();
            threaded.Invoke();
            Assert.True(single.GetOutput(0).SequenceEqual(threaded.GetOutput(0)), $"run {run} differs");
        }
    }
}
