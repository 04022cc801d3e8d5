using FaceMesh.Runtime.Graph;
using FaceMesh.Runtime.Kernels;
using FaceMesh.Runtime.Model;

namespace FaceMesh.Runtime.Tests.Kernels;

/// <summary>
/// The 3-channel convolution with pixels in lanes against the same kernel with channels in lanes,
/// bit for bit: borders, odd widths (the last tile overlapping the one before, the splitter's
/// scalar tail), fused padding of either parity, every epilogue, no bias, signed zeros, and rows
/// computed in several calls (the ring of split rows refilled between them).
/// </summary>
public sealed unsafe class RgbPixelLanesTests
{
    public sealed record Case(int H, int W, int K, Padding Padding, FusedActivation Act, bool Prelu = false, bool Bias = true,
        int KernelWidth = 0, int StrideH = 2, int PadTop = 0, int PadLeft = 0, int PadBottom = 0, int PadRight = 0)
    {
        public const int Cout = 24;
        public int Kw => KernelWidth > 0 ? KernelWidth : K;
        public bool Framed => PadTop + PadLeft + PadBottom + PadRight > 0;

        public override string ToString() =>
            $"{H}x{W}x3->{Cout} k{K}x{Kw} s{StrideH}x2 {Padding} {Act}{(Prelu ? " prelu" : "")}{(Bias ? "" : " nobias")}" +
            (Framed ? $" pad {PadTop},{PadLeft},{PadBottom},{PadRight}" : "");
    }

    public static TheoryData<Case> Cases() =>
    [
        new(128, 128, 5, Padding.Same, FusedActivation.Relu),          // BlazeFace short-range's first layer
        new(128, 128, 5, Padding.Same, FusedActivation.None, Bias: false),
        new(67, 71, 5, Padding.Same, FusedActivation.Relu6),            // 36 outputs: the second tile overlaps the first
        new(40, 97, 3, Padding.Same, FusedActivation.None, Prelu: true),
        new(33, 64, 4, Padding.Same, FusedActivation.Relu),            // even kernel: padding only on the right
        new(30, 75, 5, Padding.Valid, FusedActivation.None, KernelWidth: 3),
        new(21, 70, 3, Padding.Same, FusedActivation.Relu, StrideH: 1),
        new(19, 66, 5, Padding.Valid, FusedActivation.None, Prelu: true, PadTop: 2, PadLeft: 2, PadBottom: 2, PadRight: 1),
        new(18, 65, 3, Padding.Valid, FusedActivation.None, PadTop: 1, PadLeft: 1, PadBottom: 0, PadRight: 2),
    ];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Gives_the_channels_in_lanes_bits(Case c)
    {
        if (SimdSupport.Select(useSimd: true, 512) != VectorIsa.Vector512) return; // the path is AVX-512 only
        var rng = new Random(c.GetHashCode() & 0xffff);
        var (model, input, output, slopes) = Model(c, rng);
        float[] x = WithSignedZeros(TestData.Random(rng, c.H * c.W * 3), rng);
        var built = Assert.IsType<RgbConv2DKernel>(Build(model));
        Kernel lanes = Finish(built, c, slopes, input, output);
        Kernel channels = Finish(built.WithoutPixelLanes(), c, slopes, input, output);
        Assert.True(Assert.IsType<RgbConv2DKernel>(lanes).UsesPixelLanes);
        Assert.False(Assert.IsType<RgbConv2DKernel>(channels).UsesPixelLanes);

        float[] expected = KernelArena.Run(channels, x, input, output, OutputSize(model, output));
        foreach (int splits in new[] { 1, 3 })
        {
            float[] actual = KernelArena.Run(lanes, x, input, output, OutputSize(model, output), splits);
            for (int i = 0; i < expected.Length; i++)
            {
                if (BitConverter.SingleToInt32Bits(expected[i]) != BitConverter.SingleToInt32Bits(actual[i]))
                    Assert.Fail($"{splits} calls, element {i} (pixel {i / Case.Cout}, channel {i % Case.Cout}): channels in lanes {expected[i]:R}, pixels in lanes {actual[i]:R}");
            }
        }
    }

    [Fact]
    public void Is_used_only_for_24_outputs_at_least_32_pixels_wide_with_stride_2()
    {
        if (SimdSupport.Select(useSimd: true, 512) != VectorIsa.Vector512) return;
        Assert.True(Uses(64, 64, 24, 2));
        Assert.False(Uses(64, 64, 16, 2));
        Assert.False(Uses(64, 64, 32, 2));
        Assert.False(Uses(64, 62, 24, 2)); // 31 outputs wide: less than one tile
        Assert.False(Uses(64, 64, 24, 1));
    }

    private static bool Uses(int h, int w, int cout, int stride)
    {
        var b = new OpModelBuilder();
        int input = b.Input("x", 1, h, w, 3);
        int filter = b.Constant("w", [cout, 3, 3, 3], new float[cout * 27]);
        int output = b.Output("y", 1, (h + stride - 1) / stride, (w + stride - 1) / stride, cout);
        b.Op(BuiltinOperator.Conv2D, [input, filter], [output], new Conv2DOptions(Padding.Same, stride, stride, FusedActivation.None, 1, 1));
        return Build(b.Build()) is RgbConv2DKernel { UsesPixelLanes: true };
    }

    /// <summary>Some inputs exactly +0 or -0: a padding-like zero product must still round the chain alike.</summary>
    private static float[] WithSignedZeros(float[] x, Random rng)
    {
        for (int i = 0; i < x.Length; i++)
        {
            int r = rng.Next(16);
            if (r == 0) x[i] = 0f;
            else if (r == 1) x[i] = -0f;
        }
        return x;
    }

    private static Kernel Finish(RgbConv2DKernel kernel, Case c, float[]? slopes, int input, int output)
    {
        Kernel k = kernel;
        if (c.Framed) k = ((IFusesSpatialPad)k).ReadUnpadded(input, c.H, c.W, c.PadTop, c.PadLeft) ?? throw new InvalidOperationException("padding not fused");
        if (slopes is not null) k = ((IFusesActivation)k).FuseActivation(ActivationRange.None, slopes, output) ?? throw new InvalidOperationException("PReLU not fused");
        return k;
    }

    private static (TfLiteModel Model, int Input, int Output, float[]? Slopes) Model(Case c, Random rng)
    {
        int h = c.H + c.PadTop + c.PadBottom, w = c.W + c.PadLeft + c.PadRight;
        var (oh, _) = ReferenceOps.Window(c.Padding, h, c.K, c.StrideH);
        var (ow, _) = ReferenceOps.Window(c.Padding, w, c.Kw, 2);
        var b = new OpModelBuilder();
        int input = b.Input("x", 1, h, w, 3);
        float[] weights = TestData.Random(rng, Case.Cout * c.K * c.Kw * 3);
        weights[rng.Next(weights.Length)] = 0f;
        weights[rng.Next(weights.Length)] = -0f;
        int filter = b.Constant("w", [Case.Cout, c.K, c.Kw, 3], weights);
        int[] inputs = c.Bias ? [input, filter, b.Constant("b", [Case.Cout], TestData.Random(rng, Case.Cout))] : [input, filter, -1];
        int output = b.Output("y", 1, oh, ow, Case.Cout);
        b.Op(BuiltinOperator.Conv2D, inputs, [output], new Conv2DOptions(c.Padding, 2, c.StrideH, c.Act, 1, 1));
        float[]? slopes = c.Prelu ? TestData.Random(rng, Case.Cout, 0.5f) : null;
        return (b.Build(), input, output, slopes);
    }

    private static Kernel Build(TfLiteModel model)
    {
        Subgraph graph = model.Subgraphs[0];
        Operator op = graph.Operators[^1];
        var context = new KernelBuildContext(graph, graph.Operators.Count - 1, op, model.OperatorCodes[op.OpcodeIndex], new ConstantStore(model, graph),
            VectorIsa.Vector512);
        return Conv2DKernel.Create(context);
    }

    private static int OutputSize(TfLiteModel model, int output) => TestData.Count([.. model.Subgraphs[0].Tensors[output].Shape]);
}
