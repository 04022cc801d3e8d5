using FaceMesh.Runtime.Model;

namespace FaceMesh.Runtime.Tests.Kernels;

public sealed class ElementwiseTests
{
    public sealed record BinaryCase(int[] A, int[] B, bool Add, FusedActivation Act = FusedActivation.None, bool ConstantB = false)
    {
        public override string ToString() =>
            $"[{string.Join(',', A)}] {(Add ? "+" : "*")} [{string.Join(',', B)}]{(ConstantB ? " const" : "")} {Act}";
    }

    public static TheoryData<BinaryCase, ExecutionMode> BinaryCases()
    {
        BinaryCase[] cases =
        [
            new([1, 5, 7, 17], [1, 5, 7, 17], true),
            new([1, 3, 3, 33], [1, 3, 3, 33], true, FusedActivation.Relu),
            new([1, 468, 3], [1], false, ConstantB: true),
            new([1], [1, 7, 3], false, ConstantB: false),
            new([1, 4, 4], [1, 4, 4], false, ConstantB: true),
            new([1, 4, 4], [4, 4], false, ConstantB: true),
            new([1, 5, 6, 7], [7], true),
            new([1, 5, 6, 7], [1, 1, 1, 7], true, FusedActivation.Relu6),
            new([1, 5, 6, 7], [1, 5, 1, 7], true),
            new([1, 5, 1, 7], [1, 1, 6, 1], false),
            new([2, 3], [2, 1], true),
            new([3, 1], [1, 4], false),
            new([1, 9, 4097], [1, 9, 4097], true),
        ];
        var data = new TheoryData<BinaryCase, ExecutionMode>();
        foreach (BinaryCase c in cases)
            foreach (ExecutionMode mode in ExecutionMode.All) data.Add(c, mode);
        return data;
    }

    [Theory]
    [MemberData(nameof(BinaryCases))]
    public void Add_and_mul_broadcast_like_numpy(BinaryCase c, ExecutionMode mode)
    {
        var rng = new Random(c.ToString().Length * 31 + c.A.Sum());
        float[] a = TestData.Random(rng, TestData.Count(c.A));
        float[] bValues = TestData.Random(rng, TestData.Count(c.B));
        Func<double, double, double> f = c.Add ? (p, q) => p + q : (p, q) => p * q;
        double[] expected = ReferenceOps.Broadcast(a, c.A, bValues, c.B, f).Select(v => ReferenceOps.Activate(v, c.Act)).ToArray();
        int rank = Math.Max(c.A.Length, c.B.Length);
        int[] outShape = BroadcastShapeOf(c.A, c.B, rank);

        var b = new OpModelBuilder();
        int ia = b.Input("a", c.A);
        int ib = c.ConstantB ? b.Constant("b", c.B, bValues) : b.Input("b", c.B);
        int output = b.Output("y", outShape);
        b.Op(c.Add ? BuiltinOperator.Add : BuiltinOperator.Mul, [ia, ib], [output], new ArithmeticOptions(c.Act));

        float[] actual = c.ConstantB ? TestData.Run(b.Build(), mode, a) : TestData.Run(b.Build(), mode, a, bValues);

        TestData.AssertClose(expected, actual);
    }

    private static int[] BroadcastShapeOf(int[] a, int[] b, int rank)
    {
        int[] pa = Enumerable.Repeat(1, rank - a.Length).Concat(a).ToArray();
        int[] pb = Enumerable.Repeat(1, rank - b.Length).Concat(b).ToArray();
        return pa.Zip(pb, Math.Max).ToArray();
    }

    [Fact]
    public void Incompatible_broadcast_shapes_are_rejected()
    {
        var b = new OpModelBuilder();
        int ia = b.Input("a", 1, 4, 3);
        int ib = b.Input("b", 1, 4, 2);
        int output = b.Output("y", 1, 4, 3);
        b.Op(BuiltinOperator.Add, [ia, ib], [output], new ArithmeticOptions(FusedActivation.None));

        Assert.Throws<ModelFormatException>(() => new Interpreter(b.Build()));
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void Relu_clamps_negatives_to_zero(ExecutionMode mode)
    {
        float[] x = TestData.Random(new Random(3), 5 * 7 * 17);
        var b = new OpModelBuilder();
        int input = b.Input("x", 1, 5, 7, 17);
        int output = b.Output("y", 1, 5, 7, 17);
        b.Op(BuiltinOperator.Relu, [input], [output]);

        float[] actual = TestData.Run(b.Build(), mode, x);

        TestData.AssertClose(x.Select(v => (double)Math.Max(0, v)).ToArray(), actual, 0);
    }

    public static TheoryData<int, ExecutionMode> PReluChannels()
    {
        var data = new TheoryData<int, ExecutionMode>();
        foreach (int c in new[] { 1, 3, 7, 16, 17, 33, 64 })
            foreach (ExecutionMode mode in ExecutionMode.All) data.Add(c, mode);
        return data;
    }

    public static TheoryData<ExecutionMode> Modes() => ExecutionMode.All;

    [Theory]
    [MemberData(nameof(PReluChannels))]
    public void PRelu_scales_negatives_by_the_channel_slope(int channels, ExecutionMode mode)
    {
        var rng = new Random(channels);
        float[] x = TestData.Random(rng, 5 * 3 * channels);
        float[] alpha = TestData.Random(rng, channels);
        var b = new OpModelBuilder();
        int input = b.Input("x", 1, 5, 3, channels);
        int slope = b.DequantizedConstant("alpha", [1, 1, channels], alpha);
        int output = b.Output("y", 1, 5, 3, channels);
        b.Op(BuiltinOperator.PRelu, [input, slope], [output]);

        float[] actual = TestData.Run(b.Build(), mode, x);

        double[] expected = x.Select((v, i) => v >= 0 ? v : (double)(float)(Half)alpha[i % channels] * v).ToArray();
        TestData.AssertClose(expected, actual);
    }
}
