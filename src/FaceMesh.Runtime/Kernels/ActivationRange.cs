using FaceMesh.Runtime.Graph;
using FaceMesh.Runtime.Model;

namespace FaceMesh.Runtime.Kernels;

/// <summary>A fused activation expressed as a clamp, which is what every supported one is.</summary>
internal readonly record struct ActivationRange(float Min, float Max)
{
    public static ActivationRange None => new(float.NegativeInfinity, float.PositiveInfinity);

    public bool IsIdentity => float.IsNegativeInfinity(Min) && float.IsPositiveInfinity(Max);

    public static ActivationRange From(FusedActivation activation, KernelBuildContext context) => activation switch
    {
        FusedActivation.None => None,
        FusedActivation.Relu => new(0f, float.PositiveInfinity),
        FusedActivation.Relu6 => new(0f, 6f),
        FusedActivation.ReluN1To1 => new(-1f, 1f),
        _ => throw context.Unsupported($"fused activation {activation} is not supported"),
    };

    /// <summary>Clamp that lets NaN through, like TFLite's min/max based activations.</summary>
    public float Apply(float value) => value < Min ? Min : value > Max ? Max : value;
}
