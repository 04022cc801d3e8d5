using FaceMesh.Runtime.Kernels;
using FaceMesh.Runtime.Model;

namespace FaceMesh.Runtime.Tests.Graph;

/// <summary>
/// The short-range detector's first stages: a 5x5 stride-2 RGB layer to 24 channels, a 24 -> 24
/// separable block with its shortcut, a 24 -> 28 block whose shortcut is channel-padded, then a
/// 2x2 pool and a stride-2 28 -> 32 block adding the padded pool, then 32 -> 36 and 36 -> 42 blocks
/// whose last 1x1 panels (4 and 10 outputs) sum even and odd input channels apart, the last one
/// writing NHWC pixels. On the 512-bit path they hand
/// their tensors over as channel planes (ChannelPlaneLinks), the stride-2 stage only where it
/// halves the image into whole 32-pixel rows or into an even number of 16-pixel ones (then its
/// 1x1 tiles span two rows, and it writes NHWC pixels), where it also takes the pool of its own
/// input as its shortcut and the pool's step goes; the
/// result must be bit for bit what the same steps give through NHWC tensors (the hand-overs made
/// graph outputs, so nothing links) and what the unfused layers give (every depthwise output a
/// graph output too). Heights that are not a multiple of the pair's four-row band end in a
/// partial band; two threads split the rows, so each writer's margins and zero rows are checked.
/// (Image sizes leave a last 1x1 tile of 0, 4 or 5 pixels: one of 1 to 3 sums in another order
/// on the NHWC path, and such layers keep that path.) Where the widest path is 256-bit (an
/// AVX2-only CPU, or capped), nothing goes on planes and the three graphs must still agree.
/// </summary>
public sealed class ChannelPlaneLinkTests
{
    public static TheoryData<int, int, int, int> Cases() => new()
    {
        { 1, 64, 64, 512 },  // the detector's shape
        { 2, 64, 64, 512 },
        { 1, 12, 64, 512 },  // a last band of 4 rows, then of 2 after the stride-2 block
        { 2, 12, 64, 512 },
        { 2, 14, 32, 512 },  // a last band of 2 rows; the stride-2 block's 7 rows of 16 pixels keep it on NHWC
        { 1, 8, 32, 512 },   // the stride-2 block's 4 rows of 16 pixels: planes in, NHWC out (tiles span two rows)
        { 2, 20, 32, 512 },  // 10 rows of 16 pixels: bands of 4, 4 and 2 rows
        { 1, 6, 64, 512 },   // a last band of 2 rows, then one band of 3 rows
        { 2, 6, 128, 512 },  // the stride-2 block sweeps two 64-column blocks per row
        { 1, 64, 64, 256 },  // the AVX2 kernels: no planes
        { 2, 20, 32, 256 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Linked_steps_equal_the_same_steps_through_nhwc_and_the_unfused_layers(int threads, int h, int w, int maxVectorBits)
    {
        bool planes = SimdSupport.Select(useSimd: true, maxVectorBits) == VectorIsa.Vector512;
        const int rgb = 3, c = 24, cout = 28, wide = 32, wider = 36, widest = 42;
        bool halves = h % 2 == 0 && w / 2 % 32 == 0;
        bool narrow = h % 4 == 0 && w / 2 == 16; // the stride-2 block's rows are 16 pixels, an even number of them
        bool strideTwoPlanes = halves || narrow;
        var rng = new Random(h * 100 + w + threads);
        float[] x = TestData.Random(rng, 4 * h * w * rgb);
        float[] first = TestData.Random(rng, c * 25 * rgb, 0.3f), firstBias = TestData.Random(rng, c);
        float[] dw1 = TestData.Random(rng, 9 * c), dw1Bias = TestData.Random(rng, c);
        float[] pw1 = TestData.Random(rng, c * c, 0.3f), pw1Bias = TestData.Random(rng, c);
        float[] dw2 = TestData.Random(rng, 9 * c), dw2Bias = TestData.Random(rng, c);
        float[] pw2 = TestData.Random(rng, cout * c, 0.3f), pw2Bias = TestData.Random(rng, cout);
        float[] dw3 = TestData.Random(rng, 9 * cout), dw3Bias = TestData.Random(rng, cout);
        float[] pw3 = TestData.Random(rng, wide * cout, 0.3f), pw3Bias = TestData.Random(rng, wide);
        float[] dw4 = TestData.Random(rng, 9 * wide), dw4Bias = TestData.Random(rng, wide);
        float[] pw4 = TestData.Random(rng, wider * wide, 0.3f), pw4Bias = TestData.Random(rng, wider);
        float[] dw5 = TestData.Random(rng, 9 * wider), dw5Bias = TestData.Random(rng, wider);
        float[] pw5 = TestData.Random(rng, widest * wider, 0.3f), pw5Bias = TestData.Random(rng, widest);
        var mode = new ExecutionMode(true, threads, maxVectorBits);

        float[] Run(bool exposeHandOvers, bool exposeDepthwise, out Interpreter interpreter)
        {
            var b = new OpModelBuilder();
            int input = b.Input("x", 1, 2 * h, 2 * w, rgb);
            int Hidden(string name, int channels, bool expose) => expose ? b.Output(name, 1, h, w, channels) : b.Tensor(name, [1, h, w, channels]);
            int t0 = Hidden("t0", c, exposeHandOvers), t1 = Hidden("t1", c, exposeHandOvers);
            int d1 = Hidden("d1", c, exposeDepthwise), d2 = Hidden("d2", c, exposeDepthwise);
            int t2 = Hidden("t2", cout, exposeHandOvers), p1 = Hidden("p1", c, false), p2 = Hidden("p2", cout, false);
            int padded = Hidden("padded", cout, false);
            int h2 = h / 2, w2 = w / 2;
            int pooled = exposeHandOvers ? b.Output("pooled", 1, h2, w2, cout) : b.Tensor("pooled", [1, h2, w2, cout]);
            int d3 = exposeDepthwise ? b.Output("d3", 1, h2, w2, cout) : b.Tensor("d3", [1, h2, w2, cout]);
            int p3 = b.Tensor("p3", [1, h2, w2, wide]), paddedPool = b.Tensor("paddedPool", [1, h2, w2, wide]);
            int Small(string name, int channels, bool expose) => expose ? b.Output(name, 1, h2, w2, channels) : b.Tensor(name, [1, h2, w2, channels]);
            int t3 = Small("t3", wide, exposeHandOvers), d4 = Small("d4", wide, exposeDepthwise), p4 = Small("p4", wider, false);
            int t4 = Small("t4", wider, exposeHandOvers), d5 = Small("d5", wider, exposeDepthwise), p5 = Small("p5", widest, false);
            int padded4 = Small("padded4", wider, false), padded5 = Small("padded5", widest, false);
            int y = b.Output("y", 1, h2, w2, widest);
            b.Op(BuiltinOperator.Conv2D, [input, b.Constant("first/w", [c, 5, 5, rgb], first), b.Constant("first/b", [c], firstBias)],
                [t0], new Conv2DOptions(Padding.Same, 2, 2, FusedActivation.Relu, 1, 1));
            b.Op(BuiltinOperator.DepthwiseConv2D, [t0, b.Constant("dw1/w", [1, 3, 3, c], dw1), b.Constant("dw1/b", [c], dw1Bias)],
                [d1], new DepthwiseConv2DOptions(Padding.Same, 1, 1, 1, FusedActivation.None, 1, 1));
            b.Op(BuiltinOperator.Conv2D, [d1, b.Constant("pw1/w", [c, 1, 1, c], pw1), b.Constant("pw1/b", [c], pw1Bias)],
                [p1], new Conv2DOptions(Padding.Valid, 1, 1, FusedActivation.None, 1, 1));
            b.Op(BuiltinOperator.Add, [p1, t0], [t1], new ArithmeticOptions(FusedActivation.Relu));
            b.Op(BuiltinOperator.DepthwiseConv2D, [t1, b.Constant("dw2/w", [1, 3, 3, c], dw2), b.Constant("dw2/b", [c], dw2Bias)],
                [d2], new DepthwiseConv2DOptions(Padding.Same, 1, 1, 1, FusedActivation.None, 1, 1));
            b.Op(BuiltinOperator.Conv2D, [d2, b.Constant("pw2/w", [cout, 1, 1, c], pw2), b.Constant("pw2/b", [cout], pw2Bias)],
                [p2], new Conv2DOptions(Padding.Valid, 1, 1, FusedActivation.None, 1, 1));
            b.Op(BuiltinOperator.Pad, [t1, b.IntConstant("pads", [4, 2], [0, 0, 0, 0, 0, 0, 0, cout - c])], [padded]);
            b.Op(BuiltinOperator.Add, [padded, p2], [t2], new ArithmeticOptions(FusedActivation.Relu));
            b.Op(BuiltinOperator.MaxPool2D, [t2], [pooled], new Pool2DOptions(Padding.Valid, 2, 2, 2, 2, FusedActivation.None));
            b.Op(BuiltinOperator.DepthwiseConv2D, [t2, b.Constant("dw3/w", [1, 3, 3, cout], dw3), b.Constant("dw3/b", [cout], dw3Bias)],
                [d3], new DepthwiseConv2DOptions(Padding.Same, 2, 2, 1, FusedActivation.None, 1, 1));
            b.Op(BuiltinOperator.Conv2D, [d3, b.Constant("pw3/w", [wide, 1, 1, cout], pw3), b.Constant("pw3/b", [wide], pw3Bias)],
                [p3], new Conv2DOptions(Padding.Valid, 1, 1, FusedActivation.None, 1, 1));
            b.Op(BuiltinOperator.Pad, [pooled, b.IntConstant("pads2", [4, 2], [0, 0, 0, 0, 0, 0, 0, wide - cout])], [paddedPool]);
            b.Op(BuiltinOperator.Add, [paddedPool, p3], [t3], new ArithmeticOptions(FusedActivation.Relu));
            b.Op(BuiltinOperator.DepthwiseConv2D, [t3, b.Constant("dw4/w", [1, 3, 3, wide], dw4), b.Constant("dw4/b", [wide], dw4Bias)],
                [d4], new DepthwiseConv2DOptions(Padding.Same, 1, 1, 1, FusedActivation.None, 1, 1));
            b.Op(BuiltinOperator.Conv2D, [d4, b.Constant("pw4/w", [wider, 1, 1, wide], pw4), b.Constant("pw4/b", [wider], pw4Bias)],
                [p4], new Conv2DOptions(Padding.Valid, 1, 1, FusedActivation.None, 1, 1));
            b.Op(BuiltinOperator.Pad, [t3, b.IntConstant("pads4", [4, 2], [0, 0, 0, 0, 0, 0, 0, wider - wide])], [padded4]);
            b.Op(BuiltinOperator.Add, [padded4, p4], [t4], new ArithmeticOptions(FusedActivation.Relu));
            b.Op(BuiltinOperator.DepthwiseConv2D, [t4, b.Constant("dw5/w", [1, 3, 3, wider], dw5), b.Constant("dw5/b", [wider], dw5Bias)],
                [d5], new DepthwiseConv2DOptions(Padding.Same, 1, 1, 1, FusedActivation.None, 1, 1));
            b.Op(BuiltinOperator.Conv2D, [d5, b.Constant("pw5/w", [widest, 1, 1, wider], pw5), b.Constant("pw5/b", [widest], pw5Bias)],
                [p5], new Conv2DOptions(Padding.Valid, 1, 1, FusedActivation.None, 1, 1));
            b.Op(BuiltinOperator.Pad, [t4, b.IntConstant("pads5", [4, 2], [0, 0, 0, 0, 0, 0, 0, widest - wider])], [padded5]);
            b.Op(BuiltinOperator.Add, [padded5, p5], [y], new ArithmeticOptions(FusedActivation.Relu));
            interpreter = new Interpreter(b.Build(), mode.Options);
            // Old contents in the arena must not show through a margin or a zero row.
            interpreter.FillIntermediates(float.NaN);
            x.CopyTo(interpreter.GetInput("x"));
            interpreter.Invoke();
            return interpreter.GetOutput("y").ToArray();
        }

        float[] linked = Run(exposeHandOvers: false, exposeDepthwise: false, out Interpreter linkedInterpreter);
        float[] throughPixels = Run(exposeHandOvers: true, exposeDepthwise: false, out Interpreter pixelInterpreter);
        float[] unfused = Run(exposeHandOvers: true, exposeDepthwise: true, out Interpreter unfusedInterpreter);
        using (linkedInterpreter)
        using (pixelInterpreter)
        using (unfusedInterpreter)
        {
            AssertNothingOnPlanes(pixelInterpreter);
            Assert.DoesNotContain(unfusedInterpreter.Graph.Steps, s => s.Kernel is DepthwisePointwiseKernel);
            if (!planes) AssertNothingOnPlanes(linkedInterpreter);
            else AssertLinkedOnPlanes(linkedInterpreter, halves, strideTwoPlanes);
        }
        Assert.Equal(unfused, throughPixels);
        Assert.Equal(unfused, linked);
        Assert.Contains(linked, v => v > 0);
    }

    private static void AssertNothingOnPlanes(Interpreter interpreter)
    {
        Assert.DoesNotContain(interpreter.Graph.Steps, s => s.Kernel is RgbConv2DKernel { WritesPlanes: true });
        Assert.All(interpreter.Graph.Steps.Select(s => s.Kernel).OfType<DepthwisePointwiseKernel>(),
            pair => Assert.False(pair.RunsPlanes || pair.Planes is { } planes && (planes.ReadsPlanes || planes.WritesPlanes)));
        Assert.DoesNotContain(interpreter.Graph.Steps, s => s.Kernel is MaxPool2DKernel { RunsOnPlanes: true });
    }

    private static void AssertLinkedOnPlanes(Interpreter linkedInterpreter, bool halves, bool strideTwoPlanes)
    {
        var steps = linkedInterpreter.Graph.Steps.Select(s => s.Kernel).ToArray();
        Assert.True(Assert.IsType<RgbConv2DKernel>(steps[0]).WritesPlanes);
        ChannelPlanePair firstPair = Assert.IsType<DepthwisePointwiseKernel>(steps[1]).Planes!;
        ChannelPlanePair secondPair = Assert.IsType<DepthwisePointwiseKernel>(steps[2]).Planes!;
        Assert.True(firstPair.ReadsPlanes && firstPair.WritesPlanes);
        Assert.True(secondPair.ReadsPlanes);
        Assert.Equal(strideTwoPlanes, secondPair.WritesPlanes);
        // On planes the stride-2 block takes the pool from its own input, and the pool's step goes.
        int next = 3;
        if (strideTwoPlanes) Assert.DoesNotContain(steps, k => k is MaxPool2DKernel);
        else Assert.False(Assert.IsType<MaxPool2DKernel>(steps[next++]).RunsOnPlanes);
        var strideTwo = Assert.IsType<DepthwisePointwiseKernel>(steps[next]);
        Assert.Equal(strideTwoPlanes, strideTwo.RunsPlanes);
        if (strideTwoPlanes) Assert.True(strideTwo.Planes!.ReadsPlanes && strideTwo.Planes.PoolsShortcut);
        Assert.Equal(halves, strideTwo.Planes is { WritesPlanes: true });
        var fourOutputTail = Assert.IsType<DepthwisePointwiseKernel>(steps[next + 1]);
        var tenOutputTail = Assert.IsType<DepthwisePointwiseKernel>(steps[next + 2]);
        Assert.Equal(halves, fourOutputTail.RunsPlanes && fourOutputTail.Planes!.WritesPlanes);
        Assert.Equal(halves, tenOutputTail.RunsPlanes);
        Assert.False(tenOutputTail.Planes is { WritesPlanes: true });
    }
}
