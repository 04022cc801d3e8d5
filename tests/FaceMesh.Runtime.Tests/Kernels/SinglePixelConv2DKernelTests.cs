using FaceMesh.Runtime.Kernels;
using FaceMesh.Runtime.Model;

namespace FaceMesh.Runtime.Tests.Kernels;

/// <summary>
/// Convolutions with a one-pixel output, run on half-precision weights widened in registers:
/// bit for bit what the general kernel computes from the same weights widened to float32 at load.
/// </summary>
public sealed class SinglePixelConv2DKernelTests
{
    public sealed record Case(int H, int W, int Cin, int Cout, int K, int Stride, Padding Padding, FusedActivation Act,
        bool Bias = true, int Dilation = 1, bool PRelu = false, float InputScale = 4f, bool InfiniteInput = false)
    {
        public override string ToString() =>
            $"{H}x{W}x{Cin}->{Cout} k{K} s{Stride} d{Dilation} {Padding} {Act}{(Bias ? "" : " nobias")}{(PRelu ? " prelu" : "")} x{InputScale}{(InfiniteInput ? " inf" : "")}";
    }

    public static TheoryData<Case, ExecutionMode> Cases()
    {
        var cases = new List<Case>
        {
            new(3, 3, 32, 1404, 3, 3, Padding.Valid, FusedActivation.None),                 // the landmark models' mesh head
            new(2, 2, 64, 256, 2, 2, Padding.Valid, FusedActivation.None, Bias: false),
            new(3, 3, 33, 221, 3, 3, Padding.Valid, FusedActivation.Relu6),                  // odd filter rows: 99 inputs each
            new(1, 1, 300, 250, 1, 1, Padding.Valid, FusedActivation.Relu),
            new(2, 2, 40, 200, 3, 2, Padding.Same, FusedActivation.None),                    // taps in the padding read zeros
            new(3, 3, 16, 1100, 2, 1, Padding.Valid, FusedActivation.None, Dilation: 2),     // runs of one tap
            new(3, 3, 153, 48, 3, 3, Padding.Valid, FusedActivation.None),                   // rows too long for one run, odd taps
            new(3, 3, 32, 300, 3, 3, Padding.Valid, FusedActivation.None, PRelu: true),      // a PRELU folded in
            // Inputs of 2^16 and more cannot take the weights' 2^112 rebias (it would overflow): the
            // weights take it instead. Infinite inputs can, and give the same infinities and NaNs.
            new(3, 3, 32, 1404, 3, 3, Padding.Valid, FusedActivation.None, InputScale: 1e6f),
            new(3, 3, 32, 300, 3, 3, Padding.Valid, FusedActivation.Relu, InfiniteInput: true),
        };
        var data = new TheoryData<Case, ExecutionMode>();
        foreach (Case c in cases)
            foreach (ExecutionMode mode in ExecutionMode.All)
                data.Add(c, mode);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Half_weights_give_the_float32_weights_outputs_bit_for_bit(Case c, ExecutionMode mode)
    {
        var rng = new Random(c.GetHashCode() & 0xffff);
        float[] x = TestData.Random(rng, c.H * c.W * c.Cin, c.InputScale);
        if (c.InfiniteInput) (x[5], x[77]) = (float.PositiveInfinity, float.NegativeInfinity);
        float[] filter = HalfValues(rng, c.Cout * c.K * c.K * c.Cin);
        float[]? bias = c.Bias ? HalfValues(rng, c.Cout) : null;
        float[] slopes = HalfValues(rng, c.Cout);
        TfLiteModel model = Build(c, filter, bias, slopes);

        float[] half = Run(model, mode, keepHalfWeights: true, x, expectHalfKernel: true);
        float[] single = Run(model, mode, keepHalfWeights: false, x, expectHalfKernel: false);

        Assert.Equal(single.Select(BitConverter.SingleToInt32Bits), half.Select(BitConverter.SingleToInt32Bits));
        if (!c.PRelu && !c.InfiniteInput)
        {
            double[] expected = ReferenceOps.Conv2D(x, c.H, c.W, c.Cin, filter, c.Cout, c.K, c.K, bias, c.Stride, c.Padding, c.Act, c.Dilation);
            TestData.AssertClose(expected, half, 1e-4);
            Assert.Equal(c.InputScale >= HalfWidening.MaxRebiasedInput, x.Any(v => Math.Abs(v) >= HalfWidening.MaxRebiasedInput));
        }
    }

    [Fact]
    public void Weights_that_are_not_finite_halves_stay_float32()
    {
        var c = new Case(3, 3, 32, 300, 3, 3, Padding.Valid, FusedActivation.None);
        var rng = new Random(5);
        float[] x = TestData.Random(rng, c.H * c.W * c.Cin);
        float[] filter = HalfValues(rng, c.Cout * c.K * c.K * c.Cin);
        filter[1234] = float.PositiveInfinity;
        TfLiteModel model = Build(c, filter, HalfValues(rng, c.Cout), null);

        float[] kept = Run(model, new ExecutionMode(true, 1), keepHalfWeights: true, x, expectHalfKernel: false);
        float[] single = Run(model, new ExecutionMode(true, 1), keepHalfWeights: false, x, expectHalfKernel: false);
        Assert.Equal(single.Select(BitConverter.SingleToInt32Bits), kept.Select(BitConverter.SingleToInt32Bits));

        filter[1234] = 1f + MathF.Pow(2, -13); // finite, but needs more than a half's 11 significant bits
        TfLiteModel precise = Build(c, filter, null, null, float32Weights: true);
        float[] precisely = Run(precise, new ExecutionMode(true, 1), keepHalfWeights: true, x, expectHalfKernel: false);
        float[] rounded = Run(Build(c, filter, null, null), new ExecutionMode(true, 1), keepHalfWeights: true, x, expectHalfKernel: true);
        Assert.NotEqual(rounded, precisely); // the extra bit of filter[1234] reached the outputs
    }

    /// <summary>Random weights that are halves, with zeros of both signs and subnormal halves among them.</summary>
    private static float[] HalfValues(Random rng, int count)
    {
        float[] values = TestData.Random(rng, count);
        for (int i = 0; i < count; i++)
        {
            values[i] = (i % 11) switch
            {
                3 => (float)BitConverter.UInt16BitsToHalf((ushort)rng.Next(1, 1024)),          // positive subnormal
                5 => (float)BitConverter.UInt16BitsToHalf((ushort)(0x8000 | rng.Next(1, 1024))), // negative subnormal
                7 => -0f,
                9 => 0f,
                _ => (float)(Half)values[i],
            };
        }
        return values;
    }

    private static TfLiteModel Build(Case c, float[] filter, float[]? bias, float[]? slopes, bool float32Weights = false)
    {
        var (oh, _) = ReferenceOps.Window(c.Padding, c.H, c.K, c.Stride, c.Dilation);
        var (ow, _) = ReferenceOps.Window(c.Padding, c.W, c.K, c.Stride, c.Dilation);
        Assert.Equal((1, 1), (oh, ow));
        var b = new OpModelBuilder();
        int input = b.Input("x", 1, c.H, c.W, c.Cin);
        int w = float32Weights ? b.Constant("w", [c.Cout, c.K, c.K, c.Cin], filter) : b.DequantizedConstant("w", [c.Cout, c.K, c.K, c.Cin], filter);
        int[] inputs = bias is null ? [input, w, -1] : [input, w, b.DequantizedConstant("b", [c.Cout], bias)];
        var options = new Conv2DOptions(c.Padding, c.Stride, c.Stride, c.Act, c.Dilation, c.Dilation);
        if (c.PRelu && slopes is not null)
        {
            int conv = b.Tensor("conv", [1, 1, 1, c.Cout]);
            b.Op(BuiltinOperator.Conv2D, inputs, [conv], options);
            int alpha = b.Constant("alpha", [1, 1, c.Cout], slopes);
            b.Op(BuiltinOperator.PRelu, [conv, alpha], [b.Output("y", 1, 1, 1, c.Cout)]);
        }
        else
        {
            b.Op(BuiltinOperator.Conv2D, inputs, [b.Output("y", 1, 1, 1, c.Cout)], options);
        }
        return b.Build();
    }

    private static float[] Run(TfLiteModel model, ExecutionMode mode, bool keepHalfWeights, float[] x, bool expectHalfKernel)
    {
        var options = new InterpreterOptions
        {
            ThreadCount = mode.Threads, UseSimd = mode.Simd, MaxVectorBits = mode.MaxVectorBits, KeepHalfWeights = keepHalfWeights,
        };
        using var interpreter = new Interpreter(model, options);
        Assert.Single(interpreter.Graph.Steps);
        Assert.Equal(expectHalfKernel, interpreter.Graph.Steps[0].Kernel is SinglePixelConv2DKernel);
        x.CopyTo(interpreter.GetInput(0));
        interpreter.Invoke();
        return interpreter.GetOutput(0).ToArray();
    }
}
