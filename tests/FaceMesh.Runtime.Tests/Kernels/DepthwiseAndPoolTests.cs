using FaceMesh.Runtime.Model;

namespace FaceMesh.Runtime.Tests.Kernels;

public sealed class DepthwiseAndPoolTests
{
    public sealed record Case(int H, int W, int C, int K, int Stride, Padding Padding, FusedActivation Act = FusedActivation.None)
    {
        public override string ToString() => $"{H}x{W}x{C} k{K} s{Stride} {Padding} {Act}";
    }

    private static readonly Case[] Windows =
    [
        new(5, 7, 1, 3, 1, Padding.Same),
        new(6, 6, 3, 3, 2, Padding.Same, FusedActivation.Relu),
        new(7, 5, 7, 3, 1, Padding.Valid),
        new(9, 8, 17, 3, 2, Padding.Valid),
        new(8, 8, 24, 3, 2, Padding.Same),
        new(4, 5, 33, 3, 1, Padding.Same, FusedActivation.Relu6),
        new(3, 3, 48, 3, 1, Padding.Same),
        new(2, 2, 16, 3, 2, Padding.Same),
    ];

    public static TheoryData<Case, ExecutionMode> DepthwiseCases()
    {
        var data = new TheoryData<Case, ExecutionMode>();
        foreach (Case c in Windows)
            foreach (ExecutionMode mode in ExecutionMode.All) data.Add(c, mode);
        return data;
    }

    public static TheoryData<Case, ExecutionMode> PoolCases()
    {
        Case[] pools =
        [
            new(8, 8, 24, 2, 2, Padding.Same), new(7, 7, 3, 2, 2, Padding.Same), new(7, 9, 17, 2, 2, Padding.Valid),
            new(6, 6, 33, 2, 2, Padding.Valid), new(5, 5, 1, 3, 2, Padding.Same),
            // The unclipped 2x2 path with a partial last block (the short-range detector's 28 and 42 channels: masked on
            // AVX-512, a whole vector overlapping the block before on AVX2) and with none.
            new(8, 6, 28, 2, 2, Padding.Same), new(5, 7, 42, 2, 2, Padding.Valid), new(4, 4, 32, 2, 2, Padding.Valid),
        ];
        var data = new TheoryData<Case, ExecutionMode>();
        foreach (Case c in pools)
            foreach (ExecutionMode mode in ExecutionMode.All) data.Add(c, mode);
        return data;
    }

    [Theory]
    [MemberData(nameof(DepthwiseCases))]
    public void Depthwise_matches_the_reference(Case c, ExecutionMode mode)
    {
        var rng = new Random(c.GetHashCode() & 0xffff);
        float[] x = TestData.Random(rng, c.H * c.W * c.C);
        float[] filter = TestData.Random(rng, c.K * c.K * c.C);
        float[] bias = TestData.Random(rng, c.C);
        var (oh, _) = ReferenceOps.Window(c.Padding, c.H, c.K, c.Stride);
        var (ow, _) = ReferenceOps.Window(c.Padding, c.W, c.K, c.Stride);
        var b = new OpModelBuilder();
        int input = b.Input("x", 1, c.H, c.W, c.C);
        int w = b.Constant("w", [1, c.K, c.K, c.C], filter);
        int bi = b.Constant("b", [c.C], bias);
        int output = b.Output("y", 1, oh, ow, c.C);
        b.Op(BuiltinOperator.DepthwiseConv2D, [input, w, bi], [output],
            new DepthwiseConv2DOptions(c.Padding, c.Stride, c.Stride, 1, c.Act, 1, 1));

        float[] actual = TestData.Run(b.Build(), mode, x);

        TestData.AssertClose(ReferenceOps.Depthwise(x, c.H, c.W, c.C, filter, c.K, c.K, bias, c.Stride, c.Padding, c.Act), actual);
    }

    [Theory]
    [MemberData(nameof(PoolCases))]
    public void MaxPool_matches_the_reference_and_ignores_padding(Case c, ExecutionMode mode)
    {
        var rng = new Random(c.GetHashCode() & 0xffff);
        // All negative, so a padded zero would win if padding were counted.
        float[] x = TestData.Random(rng, c.H * c.W * c.C).Select(v => -1f - Math.Abs(v)).ToArray();
        var (oh, _) = ReferenceOps.Window(c.Padding, c.H, c.K, c.Stride);
        var (ow, _) = ReferenceOps.Window(c.Padding, c.W, c.K, c.Stride);
        var b = new OpModelBuilder();
        int input = b.Input("x", 1, c.H, c.W, c.C);
        int output = b.Output("y", 1, oh, ow, c.C);
        b.Op(BuiltinOperator.MaxPool2D, [input], [output], new Pool2DOptions(c.Padding, c.Stride, c.Stride, c.K, c.K, FusedActivation.None));

        float[] actual = TestData.Run(b.Build(), mode, x);

        TestData.AssertClose(ReferenceOps.MaxPool(x, c.H, c.W, c.C, c.K, c.Stride, c.Padding), actual, 0);
    }

    [Fact]
    public void Depth_multiplier_other_than_one_is_unsupported()
    {
        var b = new OpModelBuilder();
        int input = b.Input("x", 1, 4, 4, 2);
        int w = b.Constant("w", [1, 3, 3, 4], new float[36]);
        int output = b.Output("y", 1, 4, 4, 4);
        b.Op(BuiltinOperator.DepthwiseConv2D, [input, w], [output], new DepthwiseConv2DOptions(Padding.Same, 1, 1, 2, FusedActivation.None, 1, 1));

        Assert.Throws<UnsupportedModelException>(() => new Interpreter(b.Build()));
    }
}
