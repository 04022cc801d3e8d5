using FaceMesh.Runtime.Model.FlatBuffers;

namespace FaceMesh.Runtime.Model.Reading;

/// <summary>
/// Turns a <c>BuiltinOptions</c> union value into its record. Field numbers follow the tables of
/// the TFLite schema; defaults are the schema's (e.g. dilation 1). Enum-valued fields and
/// strides/sizes are range-checked here so kernels can trust them.
/// </summary>
internal static class BuiltinOptionsReader
{
    public static BuiltinOptions Read(byte unionType, FlatBufferTable? table, string context)
    {
        if (table is not FlatBufferTable options)
        {
            return IsParsed(unionType)
                ? throw new ModelFormatException($"{context}: builtin_options_type is {unionType} but the options table is missing.")
                : new UnparsedOptions(unionType);
        }

        return unionType switch
        {
            BuiltinOptionsType.Conv2D => ReadConv2D(options),
            BuiltinOptionsType.DepthwiseConv2D => ReadDepthwiseConv2D(options),
            BuiltinOptionsType.Pool2D => ReadPool2D(options),
            BuiltinOptionsType.Concatenation => new ConcatenationOptions(
                options.GetInt32(0, "axis"), Activation(options, 1)),
            BuiltinOptionsType.Add or BuiltinOptionsType.Mul or BuiltinOptionsType.Sub =>
                new ArithmeticOptions(Activation(options, 0)),
            BuiltinOptionsType.ResizeBilinear => new ResizeBilinearOptions(
                options.GetBool(2, "align_corners"), options.GetBool(3, "half_pixel_centers")),
            BuiltinOptionsType.Reshape => new ReshapeOptions(options.GetVector(0, "new_shape", 4).ToInt32Array()),
            BuiltinOptionsType.StridedSlice => new StridedSliceOptions(
                options.GetInt32(0, "begin_mask"), options.GetInt32(1, "end_mask"), options.GetInt32(2, "ellipsis_mask"),
                options.GetInt32(3, "new_axis_mask"), options.GetInt32(4, "shrink_axis_mask"), options.GetBool(5, "offset")),
            BuiltinOptionsType.DepthToSpace => new DepthToSpaceOptions(Positive(options, 0, "block_size", 0)),
            _ => new UnparsedOptions(unionType),
        };
    }

    private static bool IsParsed(byte unionType) => unionType is BuiltinOptionsType.Conv2D
        or BuiltinOptionsType.DepthwiseConv2D or BuiltinOptionsType.Pool2D or BuiltinOptionsType.Concatenation
        or BuiltinOptionsType.Add or BuiltinOptionsType.Mul or BuiltinOptionsType.Sub
        or BuiltinOptionsType.ResizeBilinear or BuiltinOptionsType.Reshape or BuiltinOptionsType.StridedSlice
        or BuiltinOptionsType.DepthToSpace;

    private static Conv2DOptions ReadConv2D(FlatBufferTable o) => new(
        Padding(o, 0), Positive(o, 1, "stride_w", 0), Positive(o, 2, "stride_h", 0), Activation(o, 3),
        Positive(o, 4, "dilation_w_factor", 1), Positive(o, 5, "dilation_h_factor", 1));

    private static DepthwiseConv2DOptions ReadDepthwiseConv2D(FlatBufferTable o) => new(
        Padding(o, 0), Positive(o, 1, "stride_w", 0), Positive(o, 2, "stride_h", 0),
        NonNegative(o, 3, "depth_multiplier"), Activation(o, 4),
        Positive(o, 5, "dilation_w_factor", 1), Positive(o, 6, "dilation_h_factor", 1));

    private static Pool2DOptions ReadPool2D(FlatBufferTable o) => new(
        Padding(o, 0), Positive(o, 1, "stride_w", 0), Positive(o, 2, "stride_h", 0),
        Positive(o, 3, "filter_width", 0), Positive(o, 4, "filter_height", 0), Activation(o, 5));

    private static Padding Padding(FlatBufferTable options, int field)
    {
        sbyte value = options.GetSByte(field, "padding");
        return value is 0 or 1
            ? (Padding)value
            : throw new ModelFormatException($"{options.Context}: padding {value} is neither SAME (0) nor VALID (1).");
    }

    private static FusedActivation Activation(FlatBufferTable options, int field)
    {
        sbyte value = options.GetSByte(field, "fused_activation_function");
        return value is >= 0 and <= (sbyte)FusedActivation.SignBit
            ? (FusedActivation)value
            : throw new ModelFormatException($"{options.Context}: fused_activation_function {value} is not a TFLite activation.");
    }

    private static int Positive(FlatBufferTable options, int field, string name, int defaultValue)
    {
        int value = options.GetInt32(field, name, defaultValue);
        return value > 0 ? value : throw new ModelFormatException($"{options.Context}: {name} {value} must be positive.");
    }

    private static int NonNegative(FlatBufferTable options, int field, string name)
    {
        int value = options.GetInt32(field, name);
        return value >= 0 ? value : throw new ModelFormatException($"{options.Context}: {name} {value} is negative.");
    }
}
