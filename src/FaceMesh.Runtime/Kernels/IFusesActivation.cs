namespace FaceMesh.Runtime.Kernels;

/// <summary>
/// A kernel that can apply a following RELU/RELU6 (as a clamp) or PRELU (as per-channel slopes)
/// itself, saving a pass over memory and an intermediate tensor.
/// </summary>
internal interface IFusesActivation
{
    /// <summary>The same kernel writing <paramref name="output"/> with the activation applied, or null when it cannot.</summary>
    Kernel? FuseActivation(ActivationRange clamp, float[]? slopes, int output);
}

/// <summary>A standalone activation kernel that can be folded into its producer.</summary>
internal interface IFusableActivation
{
    int InputTensor { get; }
    int OutputTensor { get; }
    ActivationRange Clamp { get; }
    float[]? Slopes { get; }
}
