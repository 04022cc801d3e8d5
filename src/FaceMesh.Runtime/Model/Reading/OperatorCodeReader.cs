using FaceMesh.Runtime.Model.FlatBuffers;

namespace FaceMesh.Runtime.Model.Reading;

/// <summary>Reads <c>Model.operator_codes</c>.</summary>
internal static class OperatorCodeReader
{
    private const int DeprecatedBuiltinCodeField = 0;
    private const int CustomCodeField = 1;
    private const int VersionField = 2;
    private const int BuiltinCodeField = 3;

    public static OperatorCode[] Read(FlatBufferVector codes)
    {
        var result = new OperatorCode[codes.Count];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = ReadOne(codes.GetTable(i, $"operator code {i}"));
        }

        return result;
    }

    private static OperatorCode ReadOne(FlatBufferTable code)
    {
        sbyte deprecated = code.GetSByte(DeprecatedBuiltinCodeField, "deprecated_builtin_code");
        int extended = code.GetInt32(BuiltinCodeField, "builtin_code");
        // Old writers fill only the int8 field, new ones both (the int8 one saturating at 127), so the
        // larger of the two is the real code.
        int builtin = Math.Max(deprecated, extended);
        if (builtin < 0)
        {
            throw new ModelFormatException($"{code.Context}: builtin code {builtin} is negative.");
        }

        int version = code.GetInt32(VersionField, "version", defaultValue: 1);
        if (version < 1)
        {
            throw new ModelFormatException($"{code.Context}: version {version} is below 1.");
        }

        string? customCode = code.GetString(CustomCodeField, "custom_code");
        if ((BuiltinOperator)builtin == BuiltinOperator.Custom && string.IsNullOrEmpty(customCode))
        {
            throw new ModelFormatException($"{code.Context}: custom operator without a custom_code name.");
        }

        return new OperatorCode((BuiltinOperator)builtin, customCode, version);
    }
}
