using FaceMesh.Runtime.Graph;
using FaceMesh.Runtime.Kernels;
using FaceMesh.Runtime.Model;

namespace FaceMesh.Runtime.Tests.Kernels;

/// <summary>
/// The 3-channel convolution against the general kernel it replaces, run side by side on the same
/// random data with the 256-bit and the widest vector path: the same bits on the models' first
/// layers (whose pixel counts leave the general kernel no short last tile), and within a rounding
/// bound everywhere, including borders, fused padding, narrow images and odd channel counts.
/// </summary>
public sealed unsafe class RgbConv2DKernelTests
{
    public sealed record Case(int H, int W, int Cout, int K, int Stride, Padding Padding, FusedActivation Act,
        bool Prelu = false, bool Bias = true, int KernelWidth = 0, int PadTop = 0, int PadLeft = 0, int PadBottom = 0, int PadRight = 0)
    {
        public int Kw => KernelWidth > 0 ? KernelWidth : K;
        public bool Framed => PadTop + PadLeft + PadBottom + PadRight > 0;

        public override string ToString() =>
            $"{H}x{W}x3->{Cout} k{K}x{Kw} s{Stride} {Padding} {Act}{(Prelu ? " prelu" : "")}{(Bias ? "" : " nobias")}" +
            (Framed ? $" pad {PadTop},{PadLeft},{PadBottom},{PadRight}" : "");
    }

    /// <summary>The first layers of face_landmark (with and without attention), the short- and the full-range detector.</summary>
    public static TheoryData<Case, int> ModelLayers() => WithIsas(
    [
        new(192, 192, 16, 3, 2, Padding.Same, FusedActivation.None, Prelu: true),
        new(128, 128, 24, 5, 2, Padding.Same, FusedActivation.Relu),
        new(192, 192, 32, 3, 2, Padding.Same, FusedActivation.Relu),
    ]);

    public static TheoryData<Case, int> OddShapes() => WithIsas(
    [
        new(17, 15, 16, 3, 2, Padding.Same, FusedActivation.None),
        new(25, 27, 24, 3, 2, Padding.Same, FusedActivation.Relu6),
        new(21, 22, 32, 5, 2, Padding.Same, FusedActivation.None, Prelu: true),
        new(7, 9, 5, 3, 1, Padding.Valid, FusedActivation.None, KernelWidth: 2),
        new(5, 5, 7, 2, 2, Padding.Valid, FusedActivation.Relu),        // narrower than one six-pixel sweep
        new(4, 3, 40, 3, 1, Padding.Same, FusedActivation.None),        // narrow, and a one-group block after a two-group one
        new(12, 20, 40, 3, 1, Padding.Same, FusedActivation.Relu, Bias: false),
        new(13, 31, 20, 5, 2, Padding.Valid, FusedActivation.None),     // 16 + 4 channels: a masked second group
        new(11, 19, 9, 4, 2, Padding.Same, FusedActivation.None),
        new(9, 13, 24, 3, 2, Padding.Valid, FusedActivation.Relu, PadTop: 1, PadLeft: 2, PadBottom: 0, PadRight: 1),
        new(14, 14, 16, 5, 1, Padding.Valid, FusedActivation.None, PadTop: 2, PadLeft: 2, PadBottom: 2, PadRight: 2),
        new(5, 5, 24, 3, 2, Padding.Same, FusedActivation.None),       // 24 outputs (three AVX2 groups) narrower than their four-pixel sweep
        new(6, 10, 24, 3, 2, Padding.Same, FusedActivation.Relu),       // and a last sweep of four overlapping the one before
    ]);

    private static TheoryData<Case, int> WithIsas(Case[] cases)
    {
        var data = new TheoryData<Case, int>();
        foreach (Case c in cases)
        {
            data.Add(c, 256);
            data.Add(c, 512);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(ModelLayers))]
    public void Model_first_layers_give_the_general_kernels_bits(Case c, int maxVectorBits)
    {
        if (IsaFor(maxVectorBits) == VectorIsa.Scalar) return; // no vector path on this CPU
        var (general, special) = Compare(c, maxVectorBits);
        // On AVX2, 24 outputs are one block of three vectors summing every tap in turn, where the
        // general kernel's last 8-wide panel sums even and odd taps apart: there the expected bits
        // are those of one multiply-add chain per output, taps in order.
        float[] expected = c.Cout == 24 && IsaFor(maxVectorBits) == VectorIsa.Vector256 ? InOrderChains(c) : general;
        for (int i = 0; i < expected.Length; i++)
        {
            if (BitConverter.SingleToInt32Bits(expected[i]) != BitConverter.SingleToInt32Bits(special[i]))
                Assert.Fail($"element {i}: expected {expected[i]:R}, 3-channel kernel {special[i]:R}");
        }
    }

    [Theory]
    [MemberData(nameof(ModelLayers))]
    [MemberData(nameof(OddShapes))]
    public void Matches_the_general_kernel_and_the_reference(Case c, int maxVectorBits)
    {
        if (IsaFor(maxVectorBits) == VectorIsa.Scalar) return;
        var (general, special) = Compare(c, maxVectorBits);
        double scale = 1;
        foreach (float v in general) scale = Math.Max(scale, Math.Abs(v));
        double worst = 0;
        for (int i = 0; i < general.Length; i++) worst = Math.Max(worst, Math.Abs((double)general[i] - special[i]));
        Assert.True(worst <= 2e-6 * scale, $"largest difference {worst:G3} (scale {scale:G3})");

        TestData.AssertClose(Reference(c), special);
    }

    [Fact]
    public void Is_chosen_only_for_three_undilated_channels_on_a_vector_path()
    {
        Assert.IsType<RgbConv2DKernel>(Build(new(8, 8, 16, 3, 2, Padding.Same, FusedActivation.None), VectorIsa.Vector256, cin: 3, dilation: 1));
        Assert.IsType<Conv2DKernel>(Build(new(8, 8, 16, 3, 2, Padding.Same, FusedActivation.None), VectorIsa.Scalar, cin: 3, dilation: 1));
        Assert.IsType<Conv2DKernel>(Build(new(8, 8, 16, 3, 2, Padding.Same, FusedActivation.None), VectorIsa.Vector256, cin: 4, dilation: 1));
        Assert.IsType<Conv2DKernel>(Build(new(8, 8, 16, 3, 1, Padding.Same, FusedActivation.None), VectorIsa.Vector256, cin: 3, dilation: 2));
        Assert.IsType<Conv2DKernel>(Build(new(12, 12, 16, 3, 3, Padding.Same, FusedActivation.None), VectorIsa.Vector256, cin: 3, dilation: 1));
    }

    private static VectorIsa IsaFor(int maxVectorBits) => SimdSupport.Select(useSimd: true, maxVectorBits);

    /// <summary>Runs the general and the 3-channel kernel of the case on the same input; returns both outputs.</summary>
    private static (float[] General, float[] Special) Compare(Case c, int maxVectorBits)
    {
        VectorIsa isa = IsaFor(maxVectorBits);
        var rng = new Random(c.GetHashCode() & 0xffff);
        var (model, input, output, slopes) = Model(c, rng);
        float[] x = TestData.Random(rng, c.H * c.W * 3);
        Kernel general = Finish(Build(model, isa, specialize: false), c, slopes, input, output);
        Kernel special = Finish(Build(model, isa, specialize: true), c, slopes, input, output);
        Assert.IsType<RgbConv2DKernel>(special);
        return (KernelArena.Run(general, x, input, output, OutputSize(c)), KernelArena.Run(special, x, input, output, OutputSize(c)));
    }

    private static Kernel Finish(Kernel kernel, Case c, float[]? slopes, int input, int output)
    {
        if (c.Framed) kernel = ((IFusesSpatialPad)kernel).ReadUnpadded(input, c.H, c.W, c.PadTop, c.PadLeft) ?? throw new InvalidOperationException("padding not fused");
        if (slopes is not null) kernel = ((IFusesActivation)kernel).FuseActivation(ActivationRange.None, slopes, output) ?? throw new InvalidOperationException("PReLU not fused");
        return kernel;
    }

    private static (int H, int W) Padded(Case c) => (c.H + c.PadTop + c.PadBottom, c.W + c.PadLeft + c.PadRight);

    private static int OutputSize(Case c)
    {
        var (h, w) = Padded(c);
        var (oh, _) = ReferenceOps.Window(c.Padding, h, c.K, c.Stride);
        var (ow, _) = ReferenceOps.Window(c.Padding, w, c.Kw, c.Stride);
        return oh * ow * c.Cout;
    }

    /// <summary>
    /// One CONV_2D over the framed image size (a fused PAD's output); tensor 0 is the input, the
    /// last is the output, and a framed case reads an unpadded input at the same place.
    /// </summary>
    private static (TfLiteModel Model, int Input, int Output, float[]? Slopes) Model(Case c, Random rng)
    {
        var (h, w) = Padded(c);
        var (oh, _) = ReferenceOps.Window(c.Padding, h, c.K, c.Stride);
        var (ow, _) = ReferenceOps.Window(c.Padding, w, c.Kw, c.Stride);
        var b = new OpModelBuilder();
        int input = b.Input("x", 1, h, w, 3);
        int filter = b.Constant("w", [c.Cout, c.K, c.Kw, 3], TestData.Random(rng, c.Cout * c.K * c.Kw * 3));
        int[] inputs = c.Bias ? [input, filter, b.Constant("b", [c.Cout], TestData.Random(rng, c.Cout))] : [input, filter, -1];
        int output = b.Output("y", 1, oh, ow, c.Cout);
        b.Op(BuiltinOperator.Conv2D, inputs, [output], new Conv2DOptions(c.Padding, c.Stride, c.Stride, c.Act, 1, 1));
        float[]? slopes = c.Prelu ? TestData.Random(rng, c.Cout, 0.5f) : null;
        return (b.Build(), input, output, slopes);
    }

    private static Kernel Build(Case c, VectorIsa isa, int cin, int dilation)
    {
        var b = new OpModelBuilder();
        var (oh, _) = ReferenceOps.Window(c.Padding, c.H, c.K, c.Stride, dilation);
        var (ow, _) = ReferenceOps.Window(c.Padding, c.W, c.Kw, c.Stride, dilation);
        int input = b.Input("x", 1, c.H, c.W, cin);
        int filter = b.Constant("w", [c.Cout, c.K, c.Kw, cin], new float[c.Cout * c.K * c.Kw * cin]);
        int output = b.Output("y", 1, oh, ow, c.Cout);
        b.Op(BuiltinOperator.Conv2D, [input, filter], [output], new Conv2DOptions(c.Padding, c.Stride, c.Stride, c.Act, dilation, dilation));
        return Build(b.Build(), isa, specialize: true);
    }

    private static Kernel Build(TfLiteModel model, VectorIsa isa, bool specialize)
    {
        Subgraph graph = model.Subgraphs[0];
        Operator op = graph.Operators[^1];
        var context = new KernelBuildContext(graph, graph.Operators.Count - 1, op, model.OperatorCodes[op.OpcodeIndex], new ConstantStore(model, graph), isa);
        return Conv2DKernel.Create(context, specialised: specialize);
    }


    /// <summary>
    /// Each output as one float multiply-add chain from its bias over the taps in filter order
    /// (row, column, channel; zeros outside the image), then the clamp: unframed cases without PReLU only.
    /// </summary>
    private static float[] InOrderChains(Case c)
    {
        Assert.False(c.Framed || c.Prelu);
        var rng = new Random(c.GetHashCode() & 0xffff);
        var (model, _, _, _) = Model(c, rng);
        float[] x = TestData.Random(rng, c.H * c.W * 3);
        var store = new ConstantStore(model, model.Subgraphs[0]);
        float[] filter = store.TryGetFloats(1)!;
        float[]? bias = c.Bias ? store.TryGetFloats(2) : null;
        var (oh, top) = ReferenceOps.Window(c.Padding, c.H, c.K, c.Stride);
        var (ow, left) = ReferenceOps.Window(c.Padding, c.W, c.Kw, c.Stride);
        var y = new float[oh * ow * c.Cout];
        for (int oy = 0; oy < oh; oy++)
        for (int ox = 0; ox < ow; ox++)
        for (int o = 0; o < c.Cout; o++)
        {
            float acc = bias?[o] ?? 0f;
            for (int ky = 0; ky < c.K; ky++)
            for (int kx = 0; kx < c.Kw; kx++)
            for (int ci = 0; ci < 3; ci++)
            {
                int iy = oy * c.Stride - top + ky, ix = ox * c.Stride - left + kx;
                float value = (uint)iy < (uint)c.H && (uint)ix < (uint)c.W ? x[(iy * c.W + ix) * 3 + ci] : 0f;
                acc = MathF.FusedMultiplyAdd(value, filter[((o * c.K + ky) * c.Kw + kx) * 3 + ci], acc);
            }
            y[(oy * ow + ox) * c.Cout + o] = c.Act switch
            {
                FusedActivation.Relu => Math.Max(acc, 0f),
                FusedActivation.None => acc,
                _ => throw new NotSupportedException(c.Act.ToString()),
            };
        }
        return y;
    }

    private static double[] Reference(Case c)
    {
        var rng = new Random(c.GetHashCode() & 0xffff);
        var (model, _, _, slopes) = Model(c, rng);
        float[] x = TestData.Random(rng, c.H * c.W * 3);
        var (h, w) = Padded(c);
        var framed = new float[h * w * 3];
        for (int y = 0; y < c.H; y++)
            Array.Copy(x, y * c.W * 3, framed, ((y + c.PadTop) * w + c.PadLeft) * 3, c.W * 3);
        var store = new ConstantStore(model, model.Subgraphs[0]);
        float[] filter = store.TryGetFloats(1)!;
        float[]? bias = c.Bias ? store.TryGetFloats(2) : null;
        double[] y0 = ReferenceOps.Conv2D(framed, h, w, 3, filter, c.Cout, c.K, c.Kw, bias, c.Stride, c.Padding, c.Act);
        if (slopes is not null)
        {
            for (int i = 0; i < y0.Length; i++)
                if (y0[i] < 0) y0[i] *= slopes[i % c.Cout];
        }
        return y0;
    }
}
