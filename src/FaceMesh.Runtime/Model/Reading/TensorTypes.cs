namespace FaceMesh.Runtime.Model.Reading;

/// <summary>Validation of the schema's <c>TensorType</c> byte and the storage size of each type.</summary>
internal static class TensorTypes
{
    // The schema defines types after FLOAT64 (COMPLEX128, UINT64, RESOURCE, VARIANT, UINT32, UINT16,
    // INT4); a model using them is well formed but beyond this runtime.
    private const sbyte HighestSchemaType = 17;

    public static TensorType Validate(sbyte value, string context)
    {
        if (value < 0 || value > HighestSchemaType)
        {
            throw new ModelFormatException($"{context}: type {value} is not a TFLite tensor type.");
        }

        var type = (TensorType)value;
        if (!Enum.IsDefined(type))
        {
            throw new UnsupportedModelException($"{context}: tensor type {value} is not supported by this runtime.");
        }

        return type;
    }

    /// <summary>Bytes per element, or 0 for variable-size elements (strings).</summary>
    public static int ElementSize(TensorType type) => type switch
    {
        TensorType.Float32 or TensorType.Int32 => 4,
        TensorType.Float16 or TensorType.Int16 => 2,
        TensorType.UInt8 or TensorType.Int8 or TensorType.Bool => 1,
        TensorType.Int64 or TensorType.Float64 or TensorType.Complex64 => 8,
        TensorType.String => 0,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown tensor type."),
    };
}
