namespace FaceMesh.Runtime.Model;

/// <summary>TFLite <c>Padding</c>.</summary>
public enum Padding : sbyte { Same = 0, Valid = 1 }

/// <summary>TFLite <c>ActivationFunctionType</c>.</summary>
public enum FusedActivation : sbyte { None = 0, Relu = 1, ReluN1To1 = 2, Relu6 = 3, Tanh = 4, SignBit = 5 }

/// <summary>Builtin options of an operator (the schema's <c>BuiltinOptions</c> union), parsed.</summary>
public abstract record BuiltinOptions;

public sealed record Conv2DOptions(Padding Padding, int StrideW, int StrideH, FusedActivation Activation,
    int DilationW, int DilationH) : BuiltinOptions;

public sealed record DepthwiseConv2DOptions(Padding Padding, int StrideW, int StrideH, int DepthMultiplier,
    FusedActivation Activation, int DilationW, int DilationH) : BuiltinOptions;

public sealed record Pool2DOptions(Padding Padding, int StrideW, int StrideH, int FilterW, int FilterH,
    FusedActivation Activation) : BuiltinOptions;

/// <summary>ADD, SUB and MUL share this shape (only the fused activation matters here).</summary>
public sealed record ArithmeticOptions(FusedActivation Activation) : BuiltinOptions;

public sealed record ConcatenationOptions(int Axis, FusedActivation Activation) : BuiltinOptions;

public sealed record ReshapeOptions(IReadOnlyList<int> NewShape) : BuiltinOptions;

public sealed record StridedSliceOptions(int BeginMask, int EndMask, int EllipsisMask, int NewAxisMask,
    int ShrinkAxisMask, bool Offset) : BuiltinOptions;

public sealed record ResizeBilinearOptions(bool AlignCorners, bool HalfPixelCenters) : BuiltinOptions;

public sealed record DepthToSpaceOptions(int BlockSize) : BuiltinOptions;

/// <summary>An options table of a type this reader does not parse; kept by its union type number.</summary>
public sealed record UnparsedOptions(int UnionType) : BuiltinOptions;
