using FaceMesh.Runtime.Model;

namespace FaceMesh.Runtime.Tests.Kernels;

public sealed class ShapeOpTests
{
    public static TheoryData<ExecutionMode> Modes() => ExecutionMode.All;

    public static TheoryData<int[], int[], ExecutionMode> PadCases()
    {
        var data = new TheoryData<int[], int[], ExecutionMode>();
        var cases = new (int[] Shape, int[] Paddings)[]
        {
            ([1, 4, 5, 24], [0, 0, 0, 0, 0, 0, 0, 8]),      // channel padding (residual shortcuts)
            ([1, 3, 3, 7], [0, 0, 0, 0, 0, 0, 0, 9]),
            ([1, 5, 4, 3], [0, 0, 1, 1, 1, 1, 0, 0]),       // spatial padding before VALID convs
            ([1, 2, 3, 17], [0, 0, 2, 0, 0, 3, 1, 2]),
            ([4, 5], [1, 2, 0, 3]),
        };
        foreach (var (shape, paddings) in cases)
            foreach (ExecutionMode mode in ExecutionMode.All) data.Add(shape, paddings, mode);
        return data;
    }

    [Theory]
    [MemberData(nameof(PadCases))]
    public void Pad_fills_with_zeros(int[] shape, int[] paddings, ExecutionMode mode)
    {
        float[] x = TestData.Random(new Random(shape.Sum()), TestData.Count(shape));
        int[] outShape = shape.Select((s, d) => s + paddings[2 * d] + paddings[2 * d + 1]).ToArray();
        var b = new OpModelBuilder();
        int input = b.Input("x", shape);
        int pads = b.IntConstant("paddings", [shape.Length, 2], paddings);
        int output = b.Output("y", outShape);
        b.Op(BuiltinOperator.Pad, [input, pads], [output]);

        float[] actual = TestData.Run(b.Build(), mode, x);

        TestData.AssertClose(ReferenceOps.Pad(x, shape, paddings), actual, 0);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(-2)]
    [InlineData(2)]
    [InlineData(0)]
    public void Concatenation_joins_along_the_axis(int axis)
    {
        int[] a = [1, 3, 4], bShape = [1, 3, 4];
        int resolved = axis < 0 ? axis + 3 : axis;
        a[resolved] = 2;
        bShape[resolved] = 5;
        int[] outShape = (int[])a.Clone();
        outShape[resolved] = 7;
        var rng = new Random(axis + 10);
        float[] va = TestData.Random(rng, TestData.Count(a)), vb = TestData.Random(rng, TestData.Count(bShape));
        var m = new OpModelBuilder();
        int ia = m.Input("a", a), ib = m.Input("b", bShape);
        int output = m.Output("y", outShape);
        m.Op(BuiltinOperator.Concatenation, [ia, ib], [output], new ConcatenationOptions(axis, FusedActivation.None));

        float[] actual = TestData.Run(m.Build(), new ExecutionMode(true, 1), va, vb);

        int outer = a.Take(resolved).Aggregate(1, (p, q) => p * q);
        int blockA = a.Skip(resolved).Aggregate(1, (p, q) => p * q), blockB = bShape.Skip(resolved).Aggregate(1, (p, q) => p * q);
        var expected = new List<float>();
        for (int o = 0; o < outer; o++)
        {
            expected.AddRange(va.Skip(o * blockA).Take(blockA));
            expected.AddRange(vb.Skip(o * blockB).Take(blockB));
        }
        TestData.AssertClose(expected.ToArray(), actual, 0);
    }

    [Fact]
    public void Reshape_and_identity_slice_share_memory_and_keep_values()
    {
        var m = new OpModelBuilder();
        int input = m.Input("x", 1, 1, 1, 12);
        int reshaped = m.Tensor("r", [1, 4, 3]);
        int sliced = m.Output("identity", 1, 4, 3);
        m.Op(BuiltinOperator.Reshape, [input, m.IntConstant("shape", [3], [1, -1, 3])], [reshaped], new ReshapeOptions([1, -1, 3]));
        m.Op(BuiltinOperator.StridedSlice,
            [reshaped, m.IntConstant("begin", [3], [0, 0, 0]), m.IntConstant("end", [3], [1, 4, 3]), m.IntConstant("strides", [3], [1, 1, 1])],
            [sliced], new StridedSliceOptions(0, 0, 0, 0, 0, false));
        float[] x = Enumerable.Range(0, 12).Select(i => (float)i).ToArray();

        using var interpreter = new Interpreter(m.Build());
        x.CopyTo(interpreter.GetInput(0));
        interpreter.Invoke();

        Assert.Equal(x, interpreter.GetOutput("identity").ToArray());
        Assert.Empty(interpreter.Graph.Steps);
    }

    [Theory]
    [InlineData(new[] { 1, 2, 0 }, new[] { 3, 6, 4 }, new[] { 1, 2, 1 }, 0, 0, 0, new[] { 2, 2, 4 })]
    [InlineData(new[] { 0, -1, 0 }, new[] { 0, -6, 0 }, new[] { 1, -2, 1 }, 0b101, 0b101, 0, new[] { 3, 3, 4 })]
    [InlineData(new[] { 1, 0, 2 }, new[] { 2, 6, 3 }, new[] { 1, 1, 1 }, 0, 0, 0b101, new[] { 6 })]
    public void Strided_slice_follows_begin_end_stride_and_masks(int[] begin, int[] end, int[] strides, int beginMask, int endMask,
        int shrinkMask, int[] outShape)
    {
        int[] shape = [3, 6, 4];
        float[] x = Enumerable.Range(0, 72).Select(i => (float)i).ToArray();
        var m = new OpModelBuilder();
        int input = m.Input("x", shape);
        int output = m.Output("y", outShape);
        m.Op(BuiltinOperator.StridedSlice,
            [input, m.IntConstant("b", [3], begin), m.IntConstant("e", [3], end), m.IntConstant("s", [3], strides)],
            [output], new StridedSliceOptions(beginMask, endMask, 0, 0, shrinkMask, false));

        float[] actual = TestData.Run(m.Build(), new ExecutionMode(true, 1), x);

        var expected = new List<float>();
        var ranges = new List<int>[3];
        for (int d = 0; d < 3; d++)
        {
            ranges[d] = [];
            int s = strides[d];
            int first = (beginMask >> d & 1) != 0 ? (s > 0 ? 0 : shape[d] - 1) : begin[d] < 0 ? begin[d] + shape[d] : begin[d];
            int stop = (shrinkMask >> d & 1) != 0 ? first + 1 : (endMask >> d & 1) != 0 ? (s > 0 ? shape[d] : -1) : end[d] < 0 ? end[d] + shape[d] : end[d];
            for (int i = first; s > 0 ? i < stop : i > stop; i += s) ranges[d].Add(i);
        }
        foreach (int i in ranges[0]) foreach (int j in ranges[1]) foreach (int k in ranges[2]) expected.Add(x[(i * 6 + j) * 4 + k]);
        Assert.Equal(expected.ToArray(), actual);
    }

    public static TheoryData<int, int, int, int, int, bool, bool, ExecutionMode> ResizeCases()
    {
        var data = new TheoryData<int, int, int, int, int, bool, bool, ExecutionMode>();
        var cases = new (int H, int W, int C, int OH, int OW, bool Align, bool Half)[]
        {
            (6, 6, 96, 12, 12, false, true), (3, 5, 7, 6, 10, false, true), (4, 3, 17, 7, 5, false, true),
            (3, 5, 3, 6, 10, false, false), (4, 4, 5, 7, 9, true, false), (5, 4, 2, 3, 2, false, true), (4, 4, 1, 1, 1, true, false),
        };
        foreach (var c in cases)
            foreach (ExecutionMode mode in ExecutionMode.All) data.Add(c.H, c.W, c.C, c.OH, c.OW, c.Align, c.Half, mode);
        return data;
    }

    [Theory]
    [MemberData(nameof(ResizeCases))]
    public void Resize_bilinear_matches_the_reference(int h, int w, int c, int oh, int ow, bool align, bool half, ExecutionMode mode)
    {
        float[] x = TestData.Random(new Random(h * 100 + w * 10 + c), h * w * c);
        var m = new OpModelBuilder();
        int input = m.Input("x", 1, h, w, c);
        int output = m.Output("y", 1, oh, ow, c);
        m.Op(BuiltinOperator.ResizeBilinear, [input, m.IntConstant("size", [2], [oh, ow])], [output], new ResizeBilinearOptions(align, half));

        float[] actual = TestData.Run(m.Build(), mode, x);

        TestData.AssertClose(ReferenceOps.ResizeBilinear(x, h, w, c, oh, ow, align, half), actual);
    }

    [Theory]
    [InlineData(2, 1)]
    [InlineData(2, 16)]
    [InlineData(3, 2)]
    public void Depth_to_space_moves_channel_blocks_into_pixels(int block, int outChannels)
    {
        int h = 3, w = 4, c = block * block * outChannels;
        float[] x = Enumerable.Range(0, h * w * c).Select(i => (float)i).ToArray();
        var m = new OpModelBuilder();
        int input = m.Input("x", 1, h, w, c);
        int output = m.Output("y", 1, h * block, w * block, outChannels);
        m.Op(BuiltinOperator.DepthToSpace, [input], [output], new DepthToSpaceOptions(block));

        float[] actual = TestData.Run(m.Build(), new ExecutionMode(true, 2), x);

        int ow = w * block;
        for (int y = 0; y < h * block; y++)
        for (int xx = 0; xx < ow; xx++)
        for (int ch = 0; ch < outChannels; ch++)
        {
            int source = ((y / block) * w + xx / block) * c + ((y % block) * block + xx % block) * outChannels + ch;
            Assert.Equal(x[source], actual[(y * ow + xx) * outChannels + ch]);
        }
    }
}
