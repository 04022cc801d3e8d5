using FaceMesh.Runtime.Model;

namespace FaceMesh.Runtime.Tests.Graph;

public sealed class ConstantFoldingTests
{
    [Fact]
    public void Float16_weights_are_dequantised_once_at_load_and_no_dequantize_runs()
    {
        var b = new OpModelBuilder();
        int input = b.Input("x", 1, 1, 1, 3);
        float[] weights = [0.5f, -1.25f, 3.0009765625f, 2f, 0.1f, -0.33f];
        int w = b.DequantizedConstant("w", [2, 1, 1, 3], weights);
        int output = b.Output("y", 1, 1, 1, 2);
        b.Op(BuiltinOperator.Conv2D, [input, w], [output], new Conv2DOptions(Padding.Valid, 1, 1, FusedActivation.None, 1, 1));

        using var interpreter = new Interpreter(b.Build());
        new float[] { 1, 2, 3 }.CopyTo(interpreter.GetInput(0));
        interpreter.Invoke();

        Assert.Single(interpreter.Graph.Steps);
        float[] h = weights.Select(v => (float)(Half)v).ToArray();
        Assert.Equal(h[0] + 2 * h[1] + 3 * h[2], interpreter.GetOutput(0)[0], 5);
        Assert.Equal(h[3] + 2 * h[4] + 3 * h[5], interpreter.GetOutput(0)[1], 5);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Sparse_csr_weights_are_densified_at_load(bool simd)
    {
        // A 3x1x1x5 kernel with rows {1: 2.0, 4: -1.0}, {}, {0: 0.5, 2: 4.0, 3: 1.5}.
        float[] dense =
        [
            0, 2, 0, 0, -1,
            0, 0, 0, 0, 0,
            0.5f, 0, 4, 1.5f, 0,
        ];
        var sparsity = new SparsityParameters([0, 1, 2, 3], [],
        [
            new DimensionMetadata(DimensionFormat.Dense, 3, [], []),
            new DimensionMetadata(DimensionFormat.Dense, 1, [], []),
            new DimensionMetadata(DimensionFormat.Dense, 1, [], []),
            new DimensionMetadata(DimensionFormat.SparseCsr, 0, [0, 2, 2, 5], [1, 4, 0, 2, 3]),
        ]);
        var b = new OpModelBuilder();
        int input = b.Input("x", 1, 2, 1, 5);
        int sparse = b.HalfConstant("w_sparse", [3, 1, 1, 5], [2, -1, 0.5f, 4, 1.5f], sparsity);
        int densified = b.Tensor("w_dense16", [3, 1, 1, 5], TensorType.Float16);
        int w = b.Tensor("w", [3, 1, 1, 5]);
        b.Op(BuiltinOperator.Densify, [sparse], [densified]);
        b.Op(BuiltinOperator.Dequantize, [densified], [w]);
        int output = b.Output("y", 1, 2, 1, 3);
        b.Op(BuiltinOperator.Conv2D, [input, w], [output], new Conv2DOptions(Padding.Valid, 1, 1, FusedActivation.None, 1, 1));
        float[] x = TestData.Random(new Random(9), 10);

        float[] actual = TestData.Run(b.Build(), new ExecutionMode(simd, 1), x);

        var expected = new double[6];
        for (int p = 0; p < 2; p++)
            for (int o = 0; o < 3; o++)
                for (int i = 0; i < 5; i++) expected[p * 3 + o] += (double)x[p * 5 + i] * dense[o * 5 + i];
        TestData.AssertClose(expected, actual);
    }

    [Fact]
    public void Dequantize_of_a_run_time_tensor_is_unsupported()
    {
        var b = new OpModelBuilder();
        int input = b.Tensor("x16", [1, 4], TensorType.Float16);
        int output = b.Output("y", 1, 4);
        b.Op(BuiltinOperator.Dequantize, [input], [output]);

        var e = Assert.Throws<UnsupportedModelException>(() => new Interpreter(b.Build()));
        Assert.Contains("DEQUANTIZE", e.Message, StringComparison.Ordinal);
    }
}
