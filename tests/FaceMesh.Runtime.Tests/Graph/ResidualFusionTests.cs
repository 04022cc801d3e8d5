using FaceMesh.Runtime.Graph;
using FaceMesh.Runtime.Kernels;
using FaceMesh.Runtime.Model;
using FaceMesh.Runtime.Tests.Kernels;

namespace FaceMesh.Runtime.Tests.Graph;

/// <summary>
/// A residual block's ADD (and a zero channel PAD on its shortcut) folds into the convolution
/// that produces the other operand, with the block's PRELU fused on top; the result must equal
/// a double-precision reference and, bit for bit, the same graph run unfused.
/// </summary>
public sealed class ResidualFusionTests
{
    public static TheoryData<ExecutionMode> Modes() => new()
    {
        new ExecutionMode(true, 1),
        new ExecutionMode(true, 1, 256),
        new ExecutionMode(false, 1),
        new ExecutionMode(true, 2),
        new ExecutionMode(true, 2, 256),
        new ExecutionMode(false, 2),
    };

    /// <summary>Output channels that leave partial vector blocks on both widths; 1x1 and 3x3 SAME; the convolution as either ADD operand.</summary>
    public static TheoryData<ExecutionMode, int, int, bool> BlockCases()
    {
        var cases = new TheoryData<ExecutionMode, int, int, bool>();
        foreach (ExecutionMode mode in Modes())
        {
            foreach (int channels in new[] { 5, 19, 40 })
            {
                foreach (int kernel in new[] { 1, 3 })
                {
                    cases.Add(mode, channels, kernel, true);
                    cases.Add(mode, channels, kernel, false);
                }
            }
        }
        return cases;
    }

    public static TheoryData<ExecutionMode, int, int> PadCases()
    {
        var cases = new TheoryData<ExecutionMode, int, int>();
        foreach (ExecutionMode mode in Modes())
        {
            cases.Add(mode, 16, 40);
            cases.Add(mode, 5, 19);
        }
        return cases;
    }

    /// <summary>Paddings of a [1,4,5,6] shortcut that are not a channel append: top rows, right columns (same memory layout as a channel append once unpadded axes merge), leading channels.</summary>
    public static TheoryData<ExecutionMode, int[]> NonChannelPads()
    {
        var cases = new TheoryData<ExecutionMode, int[]>();
        foreach (ExecutionMode mode in Modes())
        {
            cases.Add(mode, [0, 0, 1, 0, 0, 0, 0, 0]);
            cases.Add(mode, [0, 0, 0, 0, 0, 1, 0, 0]);
            cases.Add(mode, [0, 0, 0, 0, 0, 0, 2, 0]);
        }
        return cases;
    }

    [Theory]
    [MemberData(nameof(BlockCases))]
    public void Conv_add_prelu_run_as_one_convolution_equal_to_the_reference_and_to_unfused_runs(ExecutionMode mode, int channels, int kernel, bool convFirst)
    {
        var block = new ConvBlock(new Random(channels * 10 + kernel), h: kernel == 1 ? 4 : 5, w: kernel == 1 ? 5 : 7, cin: 7, cout: channels, kernel);

        using var fused = block.Build(mode, convFirst, FusedActivation.None, exposeConv: false);
        using var unfused = block.Build(mode, convFirst, FusedActivation.None, exposeConv: true);

        CompiledStep step = Assert.Single(fused.Graph.Steps);
        Assert.EndsWith(" +residual", Assert.IsType<Conv2DKernel>(step.Kernel).Describe());
        Assert.Contains(unfused.Graph.Steps, s => s.Kernel is BinaryKernel);
        TestData.AssertClose(block.Expected(FusedActivation.None), fused.GetOutput("y"));
        Assert.Equal(unfused.GetOutput("y").ToArray(), fused.GetOutput("y").ToArray());
    }

    [Theory]
    [MemberData(nameof(PadCases))]
    public void Maxpool_channel_pad_add_prelu_lose_the_pad_and_the_add(ExecutionMode mode, int shortcutChannels, int channels)
    {
        var rng = new Random(channels);
        float[] x = TestData.Random(rng, 8 * 6 * shortcutChannels);
        float[] depthwise = TestData.Random(rng, 9 * shortcutChannels), depthwiseBias = TestData.Random(rng, shortcutChannels);
        float[] pointwise = TestData.Random(rng, channels * shortcutChannels), bias = TestData.Random(rng, channels);
        float[] alpha = TestData.Random(rng, channels);

        Interpreter Build(bool exposePad, bool exposeConv)
        {
            var b = new OpModelBuilder();
            int input = b.Input("x", 1, 8, 6, shortcutChannels);
            int pooled = b.Tensor("pool", [1, 4, 3, shortcutChannels]);
            int dw = b.Tensor("dw", [1, 4, 3, shortcutChannels]);
            int padded = exposePad ? b.Output("pad", 1, 4, 3, channels) : b.Tensor("pad", [1, 4, 3, channels]);
            int conv = exposeConv ? b.Output("conv", 1, 4, 3, channels) : b.Tensor("conv", [1, 4, 3, channels]);
            int sum = b.Tensor("sum", [1, 4, 3, channels]);
            int y = b.Output("y", 1, 4, 3, channels);
            b.Op(BuiltinOperator.MaxPool2D, [input], [pooled], new Pool2DOptions(Padding.Valid, 2, 2, 2, 2, FusedActivation.None));
            b.Op(BuiltinOperator.DepthwiseConv2D, [input, b.Constant("dw/w", [1, 3, 3, shortcutChannels], depthwise), b.Constant("dw/b", [shortcutChannels], depthwiseBias)],
                [dw], new DepthwiseConv2DOptions(Padding.Same, 2, 2, 1, FusedActivation.None, 1, 1));
            b.Op(BuiltinOperator.Conv2D, [dw, b.Constant("pw/w", [channels, 1, 1, shortcutChannels], pointwise), b.Constant("pw/b", [channels], bias)],
                [conv], new Conv2DOptions(Padding.Valid, 1, 1, FusedActivation.None, 1, 1));
            b.Op(BuiltinOperator.Pad, [pooled, b.IntConstant("pads", [4, 2], [0, 0, 0, 0, 0, 0, 0, channels - shortcutChannels])], [padded]);
            b.Op(BuiltinOperator.Add, [padded, conv], [sum], new ArithmeticOptions(FusedActivation.None));
            b.Op(BuiltinOperator.PRelu, [sum, b.Constant("alpha", [1, 1, channels], alpha)], [y]);
            var interpreter = new Interpreter(b.Build(), mode.Options);
            x.CopyTo(interpreter.GetInput(0));
            interpreter.Invoke();
            return interpreter;
        }

        using var fused = Build(exposePad: false, exposeConv: false);
        using var padKept = Build(exposePad: true, exposeConv: false);
        using var unfused = Build(exposePad: false, exposeConv: true);

        // Max-pool, then the depthwise and 1x1 pair (see DepthwisePointwiseFusion) adding the pooled shortcut.
        Assert.Equal(2, fused.Graph.Steps.Count);
        Assert.DoesNotContain(fused.Graph.Steps, s => s.Kernel is PadKernel or BinaryKernel or PReluKernel);
        Kernel conv = fused.Graph.Steps.Single(s => s.Kernel is DepthwisePointwiseKernel).Kernel;
        Assert.EndsWith($" +residual({shortcutChannels} of {channels} ch)", conv.Describe());
        Assert.Contains(padKept.Graph.Steps, s => s.Kernel is PadKernel);
        Assert.DoesNotContain(padKept.Graph.Steps, s => s.Kernel is BinaryKernel);
        Assert.Contains(unfused.Graph.Steps, s => s.Kernel is BinaryKernel);

        double[] shortcut = ReferenceOps.Pad(ReferenceOps.MaxPool(x, 8, 6, shortcutChannels, 2, 2, Padding.Valid).Select(v => (float)v).ToArray(),
            [1, 4, 3, shortcutChannels], [0, 0, 0, 0, 0, 0, 0, channels - shortcutChannels]);
        float[] dwOut = ReferenceOps.Depthwise(x, 8, 6, shortcutChannels, depthwise, 3, 3, depthwiseBias, 2, Padding.Same, FusedActivation.None)
            .Select(v => (float)v).ToArray();
        double[] pw = ReferenceOps.Conv2D(dwOut, 4, 3, shortcutChannels, pointwise, channels, 1, 1, bias, 1, Padding.Valid, FusedActivation.None);
        double[] expected = pw.Select((v, i) => PRelu(v + shortcut[i], alpha[i % channels])).ToArray();
        TestData.AssertClose(expected, fused.GetOutput("y"));
        Assert.Equal(unfused.GetOutput("y").ToArray(), fused.GetOutput("y").ToArray());
        Assert.Equal(unfused.GetOutput("y").ToArray(), padKept.GetOutput("y").ToArray());
    }

    /// <summary>The full-range detector's blocks: the ADD carries its own RELU, which clamps the sum inside the convolution.</summary>
    [Theory]
    [MemberData(nameof(Modes))]
    public void An_add_with_its_own_relu6_fuses_and_clamps_the_sum(ExecutionMode mode)
    {
        var block = new ConvBlock(new Random(33), 4, 5, 7, 19, 3);
        var b = new OpModelBuilder();
        int input = b.Input("x", 1, 4, 5, 7), shortcut = b.Input("r", 1, 4, 5, 19);
        int conv = block.AddConv(b, input, FusedActivation.None, b.Tensor("conv", [1, 4, 5, 19]));
        b.Op(BuiltinOperator.Add, [shortcut, conv], [b.Output("y", 1, 4, 5, 19)], new ArithmeticOptions(FusedActivation.Relu6));

        using var interpreter = block.Run(b, mode);

        Assert.Single(interpreter.Graph.Steps);
        double[] expected = block.Conv(FusedActivation.None).Select((v, i) => Math.Clamp(v + block.Shortcut[i], 0, 6)).ToArray();
        TestData.AssertClose(expected, interpreter.GetOutput("y"));
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void A_conv_output_that_another_op_reads_is_not_fused(ExecutionMode mode)
    {
        var block = new ConvBlock(new Random(31), 4, 5, 7, 19, 1);
        var b = new OpModelBuilder();
        int input = b.Input("x", 1, 4, 5, 7), shortcut = b.Input("r", 1, 4, 5, 19);
        int conv = block.AddConv(b, input, FusedActivation.None, b.Tensor("conv", [1, 4, 5, 19]));
        int sum = b.Tensor("sum", [1, 4, 5, 19]);
        b.Op(BuiltinOperator.Add, [shortcut, conv], [sum], new ArithmeticOptions(FusedActivation.None));
        b.Op(BuiltinOperator.PRelu, [sum, b.Constant("alpha", [1, 1, 19], block.Alpha)], [b.Output("y", 1, 4, 5, 19)]);
        b.Op(BuiltinOperator.Relu, [conv], [b.Output("z", 1, 4, 5, 19)]);

        using var interpreter = block.Run(b, mode);

        Assert.Contains(interpreter.Graph.Steps, s => s.Kernel is BinaryKernel);
        TestData.AssertClose(block.Expected(FusedActivation.None), interpreter.GetOutput("y"));
        TestData.AssertClose(block.Conv(FusedActivation.Relu), interpreter.GetOutput("z"));
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void A_conv_with_its_own_activation_is_not_fused(ExecutionMode mode)
    {
        var block = new ConvBlock(new Random(32), 4, 5, 7, 19, 1);

        using var interpreter = block.Build(mode, convFirst: false, FusedActivation.Relu, exposeConv: false);

        Assert.Contains(interpreter.Graph.Steps, s => s.Kernel is BinaryKernel);
        TestData.AssertClose(block.Expected(FusedActivation.Relu), interpreter.GetOutput("y"));
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void A_conv_output_that_is_a_graph_output_is_not_fused(ExecutionMode mode)
    {
        var block = new ConvBlock(new Random(33), 5, 7, 7, 40, 3);

        using var interpreter = block.Build(mode, convFirst: true, FusedActivation.None, exposeConv: true);

        Assert.Contains(interpreter.Graph.Steps, s => s.Kernel is BinaryKernel);
        TestData.AssertClose(block.Conv(FusedActivation.None), interpreter.GetOutput("conv"));
        TestData.AssertClose(block.Expected(FusedActivation.None), interpreter.GetOutput("y"));
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void A_broadcasting_add_is_not_fused(ExecutionMode mode)
    {
        var block = new ConvBlock(new Random(34), 4, 5, 7, 19, 1);
        float[] perChannel = TestData.Random(new Random(35), 19);
        var b = new OpModelBuilder();
        int input = b.Input("x", 1, 4, 5, 7);
        int conv = block.AddConv(b, input, FusedActivation.None, b.Tensor("conv", [1, 4, 5, 19]));
        int sum = b.Tensor("sum", [1, 4, 5, 19]);
        b.Op(BuiltinOperator.Add, [b.Constant("r", [19], perChannel), conv], [sum], new ArithmeticOptions(FusedActivation.None));
        b.Op(BuiltinOperator.PRelu, [sum, b.Constant("alpha", [1, 1, 19], block.Alpha)], [b.Output("y", 1, 4, 5, 19)]);

        using var interpreter = new Interpreter(b.Build(), mode.Options);
        block.X.CopyTo(interpreter.GetInput(0));
        interpreter.Invoke();

        Assert.Contains(interpreter.Graph.Steps, s => s.Kernel is BinaryKernel);
        double[] expected = block.Conv(FusedActivation.None).Select((v, i) => PRelu(v + perChannel[i % 19], block.Alpha[i % 19])).ToArray();
        TestData.AssertClose(expected, interpreter.GetOutput("y"));
    }

    [Theory]
    [MemberData(nameof(NonChannelPads))]
    public void A_pad_that_is_not_a_channel_append_stays_and_only_the_add_fuses(ExecutionMode mode, int[] paddings)
    {
        int[] outShape = [1, 4, 5, 6];
        int[] inShape = outShape.Select((n, d) => n - paddings[2 * d] - paddings[2 * d + 1]).ToArray();
        var block = new ConvBlock(new Random(36), 4, 5, 7, 6, 1);
        float[] small = TestData.Random(new Random(37), TestData.Count(inShape));
        var b = new OpModelBuilder();
        int input = b.Input("x", 1, 4, 5, 7), shortcut = b.Input("r", inShape);
        int padded = b.Tensor("pad", outShape);
        b.Op(BuiltinOperator.Pad, [shortcut, b.IntConstant("pads", [4, 2], paddings)], [padded]);
        int conv = block.AddConv(b, input, FusedActivation.None, b.Tensor("conv", outShape));
        int sum = b.Tensor("sum", outShape);
        b.Op(BuiltinOperator.Add, [padded, conv], [sum], new ArithmeticOptions(FusedActivation.None));
        b.Op(BuiltinOperator.PRelu, [sum, b.Constant("alpha", [1, 1, 6], block.Alpha)], [b.Output("y", outShape)]);

        using var interpreter = new Interpreter(b.Build(), mode.Options);
        block.X.CopyTo(interpreter.GetInput(0));
        small.CopyTo(interpreter.GetInput(1));
        interpreter.Invoke();

        Assert.Equal(2, interpreter.Graph.Steps.Count);
        Assert.Contains(interpreter.Graph.Steps, s => s.Kernel is PadKernel);
        Assert.EndsWith(" +residual", interpreter.Graph.Steps.Single(s => s.Kernel is Conv2DKernel).Kernel.Describe());
        double[] padded0 = ReferenceOps.Pad(small, inShape, paddings);
        double[] expected = block.Conv(FusedActivation.None).Select((v, i) => PRelu(v + padded0[i], block.Alpha[i % 6])).ToArray();
        TestData.AssertClose(expected, interpreter.GetOutput("y"));
    }

    private static double PRelu(double value, float slope) => value >= 0 ? value : value * slope;

    /// <summary>conv (with bias) -> ADD(shortcut input r, conv) -> PRELU, with its data and reference.</summary>
    private sealed class ConvBlock(Random rng, int h, int w, int cin, int cout, int kernel)
    {
        public float[] X { get; } = TestData.Random(rng, h * w * cin);
        public float[] Shortcut { get; } = TestData.Random(rng, h * w * cout);
        public float[] Filter { get; } = TestData.Random(rng, cout * kernel * kernel * cin);
        public float[] Bias { get; } = TestData.Random(rng, cout);
        public float[] Alpha { get; } = TestData.Random(rng, cout);

        private Padding Padding => kernel == 1 ? Padding.Valid : Padding.Same;

        public int AddConv(OpModelBuilder b, int input, FusedActivation activation, int output)
        {
            b.Op(BuiltinOperator.Conv2D, [input, b.Constant("w", [cout, kernel, kernel, cin], Filter), b.Constant("b", [cout], Bias)], [output],
                new Conv2DOptions(Padding, 1, 1, activation, 1, 1));
            return output;
        }

        public Interpreter Build(ExecutionMode mode, bool convFirst, FusedActivation convActivation, bool exposeConv)
        {
            var b = new OpModelBuilder();
            int input = b.Input("x", 1, h, w, cin), shortcut = b.Input("r", 1, h, w, cout);
            int conv = AddConv(b, input, convActivation, exposeConv ? b.Output("conv", 1, h, w, cout) : b.Tensor("conv", [1, h, w, cout]));
            int sum = b.Tensor("sum", [1, h, w, cout]);
            b.Op(BuiltinOperator.Add, convFirst ? [conv, shortcut] : [shortcut, conv], [sum], new ArithmeticOptions(FusedActivation.None));
            b.Op(BuiltinOperator.PRelu, [sum, b.Constant("alpha", [1, 1, cout], Alpha)], [b.Output("y", 1, h, w, cout)]);
            return Run(b, mode);
        }

        public Interpreter Run(OpModelBuilder b, ExecutionMode mode)
        {
            var interpreter = new Interpreter(b.Build(), mode.Options);
            X.CopyTo(interpreter.GetInput(0));
            Shortcut.CopyTo(interpreter.GetInput(1));
            interpreter.Invoke();
            return interpreter;
        }

        public double[] Conv(FusedActivation activation) =>
            ReferenceOps.Conv2D(X, h, w, cin, Filter, cout, kernel, kernel, Bias, 1, Padding, activation);

        public double[] Expected(FusedActivation convActivation) =>
            Conv(convActivation).Select((v, i) => PRelu(v + Shortcut[i], Alpha[i % cout])).ToArray();
    }
}
