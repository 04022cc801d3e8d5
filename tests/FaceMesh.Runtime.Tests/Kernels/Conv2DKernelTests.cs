using FaceMesh.Runtime.Model;

namespace FaceMesh.Runtime.Tests.Kernels;

public sealed class Conv2DKernelTests
{
    public sealed record Case(int H, int W, int Cin, int Cout, int K, int Stride, Padding Padding, FusedActivation Act,
        bool Bias = true, int Dilation = 1, int KernelWidth = 0)
    {
        public override string ToString() => $"{H}x{W}x{Cin}->{Cout} k{K}{(KernelWidth > 0 ? "x" + KernelWidth : "")} s{Stride} d{Dilation} {Padding} {Act}{(Bias ? "" : " nobias")}";
    }

    public static TheoryData<Case, ExecutionMode> Cases()
    {
        var cases = new List<Case>
        {
            // 1x1 (the GEMM path): odd channel counts, pixel counts that leave partial 6-row tiles.
            new(5, 7, 1, 1, 1, 1, Padding.Valid, FusedActivation.None),
            new(5, 7, 3, 7, 1, 1, Padding.Valid, FusedActivation.Relu),
            new(3, 3, 17, 33, 1, 1, Padding.Same, FusedActivation.None),
            new(6, 6, 33, 17, 1, 1, Padding.Valid, FusedActivation.Relu),
            new(8, 8, 24, 40, 1, 1, Padding.Valid, FusedActivation.None),
            new(4, 5, 64, 96, 1, 1, Padding.Same, FusedActivation.Relu, Bias: false),
            new(1, 1, 7, 70, 1, 1, Padding.Valid, FusedActivation.None),
            new(2, 2, 5, 16, 1, 1, Padding.Valid, FusedActivation.None),
            // Windowed convolutions used by the models.
            new(16, 16, 3, 24, 5, 2, Padding.Same, FusedActivation.None),
            new(17, 15, 3, 16, 3, 2, Padding.Same, FusedActivation.None),
            new(9, 9, 3, 32, 3, 2, Padding.Valid, FusedActivation.Relu),
            new(3, 3, 32, 70, 3, 3, Padding.Valid, FusedActivation.None),
            new(6, 6, 7, 33, 3, 3, Padding.Valid, FusedActivation.None),
            new(4, 4, 17, 10, 2, 2, Padding.Valid, FusedActivation.None),
            new(5, 5, 3, 7, 2, 2, Padding.Valid, FusedActivation.None),
            new(7, 6, 5, 9, 3, 1, Padding.Same, FusedActivation.Relu6),
            // Beyond the models: dilation and non-square filters.
            new(9, 8, 4, 12, 3, 1, Padding.Same, FusedActivation.None, Dilation: 2),
            new(7, 9, 3, 5, 3, 1, Padding.Valid, FusedActivation.None, KernelWidth: 2),
            // Images wide enough that most 6-pixel tiles lie inside one output row and inside the
            // image (their tables take a shortcut), next to tiles that straddle rows or borders.
            new(12, 20, 3, 16, 3, 1, Padding.Same, FusedActivation.None),
            new(25, 27, 3, 24, 3, 2, Padding.Same, FusedActivation.Relu),
            new(21, 22, 3, 32, 5, 2, Padding.Same, FusedActivation.None),
        };
        var data = new TheoryData<Case, ExecutionMode>();
        foreach (Case c in cases)
            foreach (ExecutionMode mode in ExecutionMode.All)
                data.Add(c, mode);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Matches_the_reference(Case c, ExecutionMode mode)
    {
        var rng = new Random(c.GetHashCode() & 0xffff);
        int kw = c.KernelWidth > 0 ? c.KernelWidth : c.K;
        float[] x = TestData.Random(rng, c.H * c.W * c.Cin);
        float[] filter = TestData.Random(rng, c.Cout * c.K * kw * c.Cin);
        float[]? bias = c.Bias ? TestData.Random(rng, c.Cout) : null;

        var (oh, _) = ReferenceOps.Window(c.Padding, c.H, c.K, c.Stride, c.Dilation);
        var (ow, _) = ReferenceOps.Window(c.Padding, c.W, kw, c.Stride, c.Dilation);
        var b = new OpModelBuilder();
        int input = b.Input("x", 1, c.H, c.W, c.Cin);
        int w = b.Constant("w", [c.Cout, c.K, kw, c.Cin], filter);
        int output = b.Output("y", 1, oh, ow, c.Cout);
        int[] inputs = bias is null ? [input, w, -1] : [input, w, b.Constant("b", [c.Cout], bias)];
        b.Op(BuiltinOperator.Conv2D, inputs, [output], new Conv2DOptions(c.Padding, c.Stride, c.Stride, c.Act, c.Dilation, c.Dilation));

        float[] actual = TestData.Run(b.Build(), mode, x);

        double[] expected = ReferenceOps.Conv2D(x, c.H, c.W, c.Cin, filter, c.Cout, c.K, kw, bias, c.Stride, c.Padding, c.Act, c.Dilation);
        TestData.AssertClose(expected, actual);
    }

    [Fact]
    public void A_wrong_output_shape_is_rejected_naming_the_op_and_tensor()
    {
        var b = new OpModelBuilder();
        int input = b.Input("x", 1, 8, 8, 3);
        int w = b.Constant("w", [4, 3, 3, 3], new float[4 * 27]);
        int output = b.Output("conv_out", 1, 8, 8, 4); // stride 2 SAME gives 4x4
        b.Op(BuiltinOperator.Conv2D, [input, w], [output], new Conv2DOptions(Padding.Same, 2, 2, FusedActivation.None, 1, 1));

        var e = Assert.Throws<ModelFormatException>(() => new Interpreter(b.Build()));

        Assert.Contains("op 0", e.Message, StringComparison.Ordinal);
        Assert.Contains("Conv2D", e.Message, StringComparison.Ordinal);
        Assert.Contains("conv_out", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unsupported_fused_activation_is_rejected_by_name()
    {
        var b = new OpModelBuilder();
        int input = b.Input("x", 1, 4, 4, 3);
        int w = b.Constant("w", [4, 1, 1, 3], new float[12]);
        int output = b.Output("y", 1, 4, 4, 4);
        b.Op(BuiltinOperator.Conv2D, [input, w], [output], new Conv2DOptions(Padding.Valid, 1, 1, FusedActivation.Tanh, 1, 1));

        var e = Assert.Throws<UnsupportedModelException>(() => new Interpreter(b.Build()));

        Assert.Contains("Tanh", e.Message, StringComparison.Ordinal);
    }
}
