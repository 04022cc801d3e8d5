using FaceMesh.Runtime.Model;

namespace FaceMesh.Runtime.Tests.Graph;

public sealed class InterpreterTests
{
    private static TfLiteModel ReluModel()
    {
        var b = new OpModelBuilder();
        int input = b.Input("pixels", 1, 2, 2, 3);
        int output = b.Output("activated", 1, 2, 2, 3);
        b.Op(BuiltinOperator.Relu, [input], [output]);
        return b.Build();
    }

    [Fact]
    public void Inputs_and_outputs_are_described_by_name_index_and_shape()
    {
        using var interpreter = new Interpreter(ReluModel());

        Assert.Equal("pixels", interpreter.Inputs[0].Name);
        Assert.Equal([1, 2, 2, 3], interpreter.Inputs[0].Shape);
        Assert.Equal("activated", interpreter.Outputs[0].Name);
        Assert.Equal(12, interpreter.GetInput("pixels").Length);
        Assert.Equal(12, interpreter.GetOutput(0).Length);
    }

    [Fact]
    public void An_unknown_tensor_name_lists_the_valid_ones()
    {
        using var interpreter = new Interpreter(ReluModel());

        var e = Assert.Throws<ArgumentException>(() => interpreter.GetInput("image"));
        Assert.Contains("'pixels'", e.Message, StringComparison.Ordinal);
        var o = Assert.Throws<ArgumentException>(() => interpreter.GetOutput("scores"));
        Assert.Contains("'activated'", o.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Inputs_keep_their_values_across_invocations()
    {
        using var interpreter = new Interpreter(ReluModel());
        float[] x = [-1, 2, -3, 4, -5, 6, -7, 8, -9, 10, -11, 12];
        x.CopyTo(interpreter.GetInput(0));

        interpreter.Invoke();
        interpreter.Invoke();

        Assert.Equal(x, interpreter.GetInput(0).ToArray());
        Assert.Equal(x.Select(v => Math.Max(0, v)).ToArray(), interpreter.GetOutput(0).ToArray());
    }

    [Fact]
    public void An_unsupported_builtin_is_rejected_at_load_by_name()
    {
        var b = new OpModelBuilder();
        int input = b.Input("x", 1, 4);
        int output = b.Output("y", 1, 4);
        b.Op(BuiltinOperator.Softmax, [input], [output]);

        var e = Assert.Throws<UnsupportedModelException>(() => new Interpreter(b.Build()));
        Assert.Contains("Softmax", e.Message, StringComparison.Ordinal);
        Assert.Contains("op 0", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_custom_op_is_rejected_at_load_by_name()
    {
        var b = new OpModelBuilder();
        int input = b.Input("x", 1, 4);
        int output = b.Output("y", 1, 4);
        b.Custom("MaxPoolingWithArgmax2D", 1, [input], [output], []);

        var e = Assert.Throws<UnsupportedModelException>(() => new Interpreter(b.Build()));
        Assert.Contains("MaxPoolingWithArgmax2D", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_non_float_activation_is_rejected()
    {
        var b = new OpModelBuilder();
        int input = b.Input("x", 1, 4);
        int output = b.Tensor("y", [1, 4], TensorType.Int32);
        b.MarkOutput(output);
        b.Op(BuiltinOperator.Relu, [input], [output]);

        Assert.Throws<UnsupportedModelException>(() => new Interpreter(b.Build()));
    }

    [Fact]
    public void Dispose_releases_the_arena_and_later_use_throws()
    {
        var interpreter = new Interpreter(ReluModel(), new InterpreterOptions { ThreadCount = 2 });
        interpreter.Dispose();
        interpreter.Dispose();

        Assert.Throws<ObjectDisposedException>(interpreter.Invoke);
        Assert.Throws<ObjectDisposedException>(() => interpreter.GetInput(0));
    }
}
