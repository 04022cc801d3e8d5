namespace FaceMesh.Runtime.Model.Reading;

/// <summary>Member numbers of the schema's <c>BuiltinOptions</c> union (1-based; 0 is NONE).</summary>
internal static class BuiltinOptionsType
{
    public const byte None = 0;
    public const byte Conv2D = 1;
    public const byte DepthwiseConv2D = 2;
    public const byte Pool2D = 5;
    public const byte Concatenation = 10;
    public const byte Add = 11;
    public const byte ResizeBilinear = 15;
    public const byte Reshape = 17;
    public const byte Mul = 21;
    public const byte Sub = 28;
    public const byte StridedSlice = 32;
    public const byte DepthToSpace = 94;

    /// <summary>
    /// The union member an operator must carry when it carries options at all, for the operators
    /// whose options this reader parses; null for every other operator.
    /// </summary>
    public static byte? ExpectedFor(BuiltinOperator op) => op switch
    {
        BuiltinOperator.Conv2D => Conv2D,
        BuiltinOperator.DepthwiseConv2D => DepthwiseConv2D,
        BuiltinOperator.AveragePool2D or BuiltinOperator.MaxPool2D => Pool2D,
        BuiltinOperator.Concatenation => Concatenation,
        BuiltinOperator.Add => Add,
        BuiltinOperator.ResizeBilinear => ResizeBilinear,
        BuiltinOperator.Reshape => Reshape,
        BuiltinOperator.Mul => Mul,
        BuiltinOperator.Sub => Sub,
        BuiltinOperator.StridedSlice => StridedSlice,
        BuiltinOperator.DepthToSpace => DepthToSpace,
        _ => null,
    };
}
