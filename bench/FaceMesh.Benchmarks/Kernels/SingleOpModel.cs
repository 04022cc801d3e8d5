using FaceMesh.Runtime;
using FaceMesh.Runtime.Model;
using FaceMesh.Runtime.Tests;

namespace FaceMesh.Benchmarks.Kernels;

/// <summary>One operator on random data, ready to invoke; the shapes are those of the face models' layers.</summary>
internal static class SingleOpModel
{
    public static Interpreter Conv(int size, int inChannels, int outChannels, int kernel, int stride, Padding padding, int maxVectorBits)
    {
        var rng = new Random(1);
        int outSize = padding == Padding.Same ? (size + stride - 1) / stride : (size - kernel) / stride + 1;
        var b = new OpModelBuilder();
        int x = b.Input("x", 1, size, size, inChannels);
        int w = b.Constant("w", [outChannels, kernel, kernel, inChannels], Random(rng, outChannels * kernel * kernel * inChannels));
        int bias = b.Constant("b", [outChannels], Random(rng, outChannels));
        int y = b.Output("y", 1, outSize, outSize, outChannels);
        b.Op(BuiltinOperator.Conv2D, [x, w, bias], [y], new Conv2DOptions(padding, stride, stride, FusedActivation.Relu, 1, 1));
        return Ready(b, rng, maxVectorBits);
    }

    public static Interpreter Depthwise(int size, int channels, int stride, int maxVectorBits)
    {
        var rng = new Random(2);
        int outSize = (size + stride - 1) / stride;
        var b = new OpModelBuilder();
        int x = b.Input("x", 1, size, size, channels);
        int w = b.Constant("w", [1, 3, 3, channels], Random(rng, 9 * channels));
        int bias = b.Constant("b", [channels], Random(rng, channels));
        int y = b.Output("y", 1, outSize, outSize, channels);
        b.Op(BuiltinOperator.DepthwiseConv2D, [x, w, bias], [y], new DepthwiseConv2DOptions(Padding.Same, stride, stride, 1, FusedActivation.None, 1, 1));
        return Ready(b, rng, maxVectorBits);
    }

    public static Interpreter PRelu(int size, int channels, int maxVectorBits)
    {
        var rng = new Random(3);
        var b = new OpModelBuilder();
        int x = b.Input("x", 1, size, size, channels);
        int slopes = b.Constant("alpha", [1, 1, channels], Random(rng, channels));
        int y = b.Output("y", 1, size, size, channels);
        b.Op(BuiltinOperator.PRelu, [x, slopes], [y]);
        return Ready(b, rng, maxVectorBits);
    }

    public static Interpreter ChannelPad(int size, int channels, int outChannels, int maxVectorBits)
    {
        var rng = new Random(4);
        var b = new OpModelBuilder();
        int x = b.Input("x", 1, size, size, channels);
        int paddings = b.IntConstant("paddings", [4, 2], [0, 0, 0, 0, 0, 0, 0, outChannels - channels]);
        int y = b.Output("y", 1, size, size, outChannels);
        b.Op(BuiltinOperator.Pad, [x, paddings], [y]);
        return Ready(b, rng, maxVectorBits);
    }

    public static Interpreter MaxPool(int size, int channels, int maxVectorBits)
    {
        var rng = new Random(5);
        var b = new OpModelBuilder();
        int x = b.Input("x", 1, size, size, channels);
        int y = b.Output("y", 1, size / 2, size / 2, channels);
        b.Op(BuiltinOperator.MaxPool2D, [x], [y], new Pool2DOptions(Padding.Valid, 2, 2, 2, 2, FusedActivation.None));
        return Ready(b, rng, maxVectorBits);
    }

    private static Interpreter Ready(OpModelBuilder builder, Random rng, int maxVectorBits)
    {
        var interpreter = new Interpreter(builder.Build(), new InterpreterOptions { MaxVectorBits = maxVectorBits });
        Random(rng, interpreter.GetInput(0).Length).CopyTo(interpreter.GetInput(0));
        return interpreter;
    }

    private static float[] Random(Random rng, int count)
    {
        var values = new float[count];
        for (int i = 0; i < count; i++) values[i] = (float)(rng.NextDouble() * 2 - 1);
        return values;
    }
}
