namespace FaceMesh.Runtime.Kernels;

/// <summary>
/// A 1x1 convolution as <see cref="Conv2DKernel"/> packs it: weights in panels of
/// <paramref name="PanelWidth"/> output channels ([panel][input channel][width], a last panel
/// that fits in one vector packed one vector wide), bias, epilogue and fused shortcut.
/// </summary>
internal readonly record struct PointwiseLayout(int Input, int Output, int InChannels, int OutChannels, int PanelWidth, int Lanes,
    AlignedFloats Weights, AlignedFloats Bias, ConvEpilogue Epilogue, ConvResidual Residual, VectorIsa Isa)
{
    public int Panels => (OutChannels + PanelWidth - 1) / PanelWidth;
}
