namespace FaceMesh.Runtime.Kernels;

/// <summary>
/// A window kernel (convolution, depthwise convolution) that can read the unpadded tensor in
/// place of a zero PAD's output: a tap outside the smaller input reads zero, as it read the
/// PAD's zeros, so the PAD step and its pass over memory go away.
/// </summary>
internal interface IFusesSpatialPad
{
    /// <summary>The tensor the kernel reads its pixels from.</summary>
    int InputTensor { get; }

    /// <summary>
    /// The same kernel reading <paramref name="input"/>, a <paramref name="height"/> x
    /// <paramref name="width"/> image that the PAD framed with <paramref name="top"/> rows above
    /// and <paramref name="left"/> columns before (and any number after), or null when it cannot.
    /// </summary>
    Kernel? ReadUnpadded(int input, int height, int width, int top, int left);
}
