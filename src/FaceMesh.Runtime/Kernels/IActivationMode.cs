namespace FaceMesh.Runtime.Kernels;

/// <summary>
/// Which steps a convolution's epilogue takes (see <see cref="ConvEpilogue"/>), as a type
/// argument: the JIT then compiles each store with exactly those instructions and no flag tests.
/// </summary>
internal interface IActivationMode
{
    static abstract bool Scales { get; }
    static abstract bool Clamps { get; }
}

internal readonly struct NoActivation : IActivationMode
{
    public static bool Scales => false;
    public static bool Clamps => false;
}

internal readonly struct ClampOnly : IActivationMode
{
    public static bool Scales => false;
    public static bool Clamps => true;
}

internal readonly struct SlopesOnly : IActivationMode
{
    public static bool Scales => true;
    public static bool Clamps => false;
}

internal readonly struct SlopesThenClamp : IActivationMode
{
    public static bool Scales => true;
    public static bool Clamps => true;
}
