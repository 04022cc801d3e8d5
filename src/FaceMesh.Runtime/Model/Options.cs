namespace FaceMesh.Runtime.Model;

// Padding and FusedActivation are public only because the kernel tests' theory cases (public
// records, as xunit requires) carry them; nothing in the public API takes or returns them.

/// <summary>TFLite <c>Padding</c> of convolutions and pools.</summary>
public enum Padding : sbyte
{
    /// <summary>Output size = ceil(input / stride); zeros added evenly, the extra one at the end.</summary>
    Same = 0,
    /// <summary>No padding: output size = ceil((input - window + 1) / stride).</summary>
    Valid = 1,
}

/// <summary>TFLite <c>ActivationFunctionType</c>, fused into the producing operator.</summary>
public enum FusedActivation : sbyte
{
    /// <summary>Identity.</summary>
    None = 0,
    /// <summary>max(0, x).</summary>
    Relu = 1,
    /// <summary>clamp(x, -1, 1).</summary>
    ReluN1To1 = 2,
    /// <summary>clamp(x, 0, 6).</summary>
    Relu6 = 3,
    /// <summary>tanh(x).</summary>
    Tanh = 4,
    /// <summary>TFLite's SIGN_BIT activation.</summary>
    SignBit = 5,
}

/// <summary>Builtin options of an operator (the schema's <c>BuiltinOptions</c> union), parsed.</summary>
internal abstract record BuiltinOptions;

internal sealed record Conv2DOptions(Padding Padding, int StrideW, int StrideH, FusedActivation Activation,
    int DilationW, int DilationH) : BuiltinOptions;

internal sealed record DepthwiseConv2DOptions(Padding Padding, int StrideW, int StrideH, int DepthMultiplier,
    FusedActivation Activation, int DilationW, int DilationH) : BuiltinOptions;

internal sealed record Pool2DOptions(Padding Padding, int StrideW, int StrideH, int FilterW, int FilterH,
    FusedActivation Activation) : BuiltinOptions;

/// <summary>ADD, SUB and MUL share this shape (only the fused activation matters here).</summary>
internal sealed record ArithmeticOptions(FusedActivation Activation) : BuiltinOptions;

internal sealed record ConcatenationOptions(int Axis, FusedActivation Activation) : BuiltinOptions;

internal sealed record ReshapeOptions(IReadOnlyList<int> NewShape) : BuiltinOptions;

internal sealed record StridedSliceOptions(int BeginMask, int EndMask, int EllipsisMask, int NewAxisMask,
    int ShrinkAxisMask, bool Offset) : BuiltinOptions;

internal sealed record ResizeBilinearOptions(bool AlignCorners, bool HalfPixelCenters) : BuiltinOptions;

internal sealed record DepthToSpaceOptions(int BlockSize) : BuiltinOptions;

/// <summary>An options table of a type this reader does not parse; kept by its union type number.</summary>
internal sealed record UnparsedOptions(int UnionType) : BuiltinOptions;
