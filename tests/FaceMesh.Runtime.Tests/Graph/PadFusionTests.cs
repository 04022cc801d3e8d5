using FaceMesh.Runtime.Kernels;
using FaceMesh.Runtime.Model;
using FaceMesh.Runtime.Tests.Kernels;

namespace FaceMesh.Runtime.Tests.Graph;

/// <summary>
/// A zero PAD of height and width that only a convolution reads becomes that convolution's own
/// padding: one step instead of two, equal to the double-precision reference on the padded image
/// and to the same layers run as two steps. Frames cover the full-range detector's symmetric
/// 1-pixel PAD before VALID 3x3 layers, frames wider on one side (stride-2 blocks pad only after),
/// and a PAD in front of a SAME convolution, whose own padding adds to the PAD's.
/// </summary>
public sealed class PadFusionTests
{
    public sealed record Case(string Op, int H, int W, int C, int Cout, int Stride, Padding Padding, int[] Frame)
    {
        public override string ToString() => $"{Op} {H}x{W}x{C} s{Stride} {Padding} pads [{string.Join(",", Frame)}]";
    }

    public static TheoryData<Case, ExecutionMode> Cases()
    {
        Case[] cases =
        [
            new("dw", 9, 11, 19, 19, 1, Padding.Valid, [1, 1, 1, 1]),
            new("dw", 8, 8, 32, 32, 2, Padding.Valid, [0, 2, 0, 2]),
            new("dw", 6, 7, 8, 8, 1, Padding.Same, [2, 0, 1, 3]),
            new("conv", 9, 9, 3, 24, 2, Padding.Valid, [1, 1, 1, 1]),
            new("conv", 7, 10, 16, 40, 1, Padding.Valid, [1, 1, 1, 1]),
            new("conv", 6, 6, 5, 8, 2, Padding.Same, [0, 2, 1, 0]),
        ];
        var data = new TheoryData<Case, ExecutionMode>();
        foreach (Case c in cases)
            foreach (ExecutionMode mode in ExecutionMode.All) data.Add(c, mode);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_spatial_pad_runs_inside_the_convolution_that_reads_it(Case c, ExecutionMode mode)
    {
        var rng = new Random(c.H * 1000 + c.W * 10 + c.C);
        int ph = c.H + c.Frame[0] + c.Frame[1], pw = c.W + c.Frame[2] + c.Frame[3];
        bool depthwise = c.Op == "dw";
        float[] x = TestData.Random(rng, c.H * c.W * c.C);
        float[] filter = TestData.Random(rng, 9 * c.C * (depthwise ? 1 : c.Cout));
        float[] bias = TestData.Random(rng, c.Cout);
        var (oh, _) = ReferenceOps.Window(c.Padding, ph, 3, c.Stride);
        var (ow, _) = ReferenceOps.Window(c.Padding, pw, 3, c.Stride);

        Interpreter Build(bool exposePad)
        {
            var b = new OpModelBuilder();
            int input = b.Input("x", 1, c.H, c.W, c.C);
            int padded = exposePad ? b.Output("padded", 1, ph, pw, c.C) : b.Tensor("padded", [1, ph, pw, c.C]);
            b.Op(BuiltinOperator.Pad, [input, b.IntConstant("pads", [4, 2], [0, 0, c.Frame[0], c.Frame[1], c.Frame[2], c.Frame[3], 0, 0])], [padded]);
            int output = b.Output("y", 1, oh, ow, c.Cout);
            if (depthwise)
            {
                b.Op(BuiltinOperator.DepthwiseConv2D, [padded, b.Constant("w", [1, 3, 3, c.C], filter), b.Constant("b", [c.C], bias)],
                    [output], new DepthwiseConv2DOptions(c.Padding, c.Stride, c.Stride, 1, FusedActivation.Relu6, 1, 1));
            }
            else
            {
                b.Op(BuiltinOperator.Conv2D, [padded, b.Constant("w", [c.Cout, 3, 3, c.C], filter), b.Constant("b", [c.Cout], bias)],
                    [output], new Conv2DOptions(c.Padding, c.Stride, c.Stride, FusedActivation.Relu, 1, 1));
            }
            var interpreter = new Interpreter(b.Build(), mode.Options);
            x.CopyTo(interpreter.GetInput(0));
            interpreter.Invoke();
            return interpreter;
        }

        using var fused = Build(exposePad: false);
        using var separate = Build(exposePad: true);

        Kernel kernel = Assert.Single(fused.Graph.Steps).Kernel;
        Assert.Equal(depthwise ? "DepthwiseConv2D" : "Conv2D", kernel.OpName);
        Assert.Equal(2, separate.Graph.Steps.Count);
        float[] paddedInput = ReferenceOps.Pad(x, [1, c.H, c.W, c.C], [0, 0, c.Frame[0], c.Frame[1], c.Frame[2], c.Frame[3], 0, 0])
            .Select(v => (float)v).ToArray();
        double[] expected = depthwise
            ? ReferenceOps.Depthwise(paddedInput, ph, pw, c.C, filter, 3, 3, bias, c.Stride, c.Padding, FusedActivation.Relu6)
            : ReferenceOps.Conv2D(paddedInput, ph, pw, c.C, filter, c.Cout, 3, 3, bias, c.Stride, c.Padding, FusedActivation.Relu);
        TestData.AssertClose(expected, fused.GetOutput("y"), 1e-4);
        // Skipped zero taps can only turn a -0 sum into +0, which compares equal.
        Assert.Equal(separate.GetOutput("y").ToArray(), fused.GetOutput("y").ToArray());
    }

    [Fact]
    public void A_pad_another_step_also_reads_or_that_pads_channels_stays_a_step()
    {
        var rng = new Random(5);
        var b = new OpModelBuilder();
        int input = b.Input("x", 1, 6, 6, 4);
        int framed = b.Tensor("framed", [1, 8, 8, 4]);
        b.Op(BuiltinOperator.Pad, [input, b.IntConstant("frame", [4, 2], [0, 0, 1, 1, 1, 1, 0, 0])], [framed]);
        b.Op(BuiltinOperator.DepthwiseConv2D, [framed, b.Constant("w1", [1, 3, 3, 4], TestData.Random(rng, 36))],
            [b.Output("a", 1, 6, 6, 4)], new DepthwiseConv2DOptions(Padding.Valid, 1, 1, 1, FusedActivation.None, 1, 1));
        b.Op(BuiltinOperator.MaxPool2D, [framed], [b.Output("pooled", 1, 4, 4, 4)], new Pool2DOptions(Padding.Valid, 2, 2, 2, 2, FusedActivation.None));
        int widened = b.Tensor("widened", [1, 8, 8, 6]);
        b.Op(BuiltinOperator.Pad, [input, b.IntConstant("channels", [4, 2], [0, 0, 1, 1, 1, 1, 0, 2])], [widened]);
        b.Op(BuiltinOperator.DepthwiseConv2D, [widened, b.Constant("w2", [1, 3, 3, 6], TestData.Random(rng, 54))],
            [b.Output("b", 1, 6, 6, 6)], new DepthwiseConv2DOptions(Padding.Valid, 1, 1, 1, FusedActivation.None, 1, 1));

        using var interpreter = new Interpreter(b.Build());

        Assert.Equal(2, interpreter.Graph.Steps.Count(s => s.Kernel is PadKernel));
    }
}
