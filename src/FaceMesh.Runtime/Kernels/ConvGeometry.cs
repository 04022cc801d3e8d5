using FaceMesh.Runtime.Graph;
using FaceMesh.Runtime.Model;

namespace FaceMesh.Runtime.Kernels;

/// <summary>Spatial geometry of a 2-D window op (convolution, depthwise, pooling) on a batch-1 NHWC tensor.</summary>
internal readonly record struct ConvGeometry(
    int InputHeight, int InputWidth, int OutputHeight, int OutputWidth,
    int KernelHeight, int KernelWidth, int StrideHeight, int StrideWidth,
    int DilationHeight, int DilationWidth, int PadTop, int PadLeft)
{
    public static ConvGeometry Create(KernelBuildContext context, Padding padding, int inputHeight, int inputWidth,
        int kernelHeight, int kernelWidth, int strideHeight, int strideWidth, int dilationHeight, int dilationWidth)
    {
        if (strideHeight < 1 || strideWidth < 1)
            throw context.Format($"has stride {strideHeight}x{strideWidth}; strides must be positive");
        if (dilationHeight < 1 || dilationWidth < 1)
            throw context.Format($"has dilation {dilationHeight}x{dilationWidth}; dilations must be positive");
        if (kernelHeight < 1 || kernelWidth < 1)
            throw context.Format($"has a {kernelHeight}x{kernelWidth} window");
        if (padding is not (Padding.Same or Padding.Valid))
            throw context.Unsupported($"padding {padding} is not supported");
        int outH = ShapeMath.WindowOutput(padding, inputHeight, kernelHeight, strideHeight, dilationHeight);
        int outW = ShapeMath.WindowOutput(padding, inputWidth, kernelWidth, strideWidth, dilationWidth);
        if (outH < 1 || outW < 1)
            throw context.Format($"window {kernelHeight}x{kernelWidth} does not fit the {inputHeight}x{inputWidth} input");
        return new ConvGeometry(inputHeight, inputWidth, outH, outW, kernelHeight, kernelWidth, strideHeight, strideWidth,
            dilationHeight, dilationWidth,
            ShapeMath.PaddingBefore(padding, inputHeight, kernelHeight, strideHeight, dilationHeight, outH),
            ShapeMath.PaddingBefore(padding, inputWidth, kernelWidth, strideWidth, dilationWidth, outW));
    }

    public string Describe(int inChannels, int outChannels) =>
        $"{InputHeight}x{InputWidth}x{inChannels} -> {OutputHeight}x{OutputWidth}x{outChannels} k{KernelHeight}x{KernelWidth} s{StrideHeight}";

    /// <summary>
    /// The same window reading the <paramref name="height"/> x <paramref name="width"/> image
    /// that a zero PAD framed with <paramref name="top"/> rows and <paramref name="left"/>
    /// columns before it: the frame becomes this op's own padding.
    /// </summary>
    public ConvGeometry ReadingUnpadded(int height, int width, int top, int left) =>
        this with { InputHeight = height, InputWidth = width, PadTop = PadTop + top, PadLeft = PadLeft + left };

    public int Taps => KernelHeight * KernelWidth;
    public int OutputPixels => OutputHeight * OutputWidth;
}
