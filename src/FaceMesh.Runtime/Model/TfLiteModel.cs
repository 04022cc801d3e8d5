namespace FaceMesh.Runtime.Model;

/// <summary>
/// A TFLite flatbuffer, parsed and validated: every index below points inside its list and every
/// buffer slice lies inside the file. Immutable; safe to share between threads and interpreters.
/// </summary>
internal sealed class TfLiteModel
{
    public required int Version { get; init; }
    public string? Description { get; init; }
    public required IReadOnlyList<OperatorCode> OperatorCodes { get; init; }
    public required IReadOnlyList<Subgraph> Subgraphs { get; init; }
    /// <summary>Raw bytes of each buffer (empty when the buffer holds no data).</summary>
    public required IReadOnlyList<ReadOnlyMemory<byte>> Buffers { get; init; }
}

/// <param name="Builtin">The resolved builtin code: the larger of the schema's
/// <c>deprecated_builtin_code</c> and <c>builtin_code</c> fields, as TFLite itself resolves it.</param>
/// <param name="CustomCode">Name of a custom operator (when <paramref name="Builtin"/> is Custom).</param>
internal sealed record OperatorCode(BuiltinOperator Builtin, string? CustomCode, int Version)
{
    public override string ToString() => Builtin == BuiltinOperator.Custom ? $"custom '{CustomCode}' v{Version}" :
        Enum.IsDefined(Builtin) ? $"{Builtin} v{Version}" : $"builtin #{(int)Builtin} v{Version}";
}

internal sealed record Subgraph(string? Name, IReadOnlyList<TensorInfo> Tensors, IReadOnlyList<int> Inputs,
    IReadOnlyList<int> Outputs, IReadOnlyList<Operator> Operators);

/// <param name="Buffer">Index into <see cref="TfLiteModel.Buffers"/> (0 = no data).</param>
internal sealed record TensorInfo(string Name, IReadOnlyList<int> Shape, TensorType Type, int Buffer,
    SparsityParameters? Sparsity, bool IsVariable);

/// <param name="Inputs">Tensor indices; -1 marks an omitted optional input.</param>
/// <param name="CustomOptions">Raw custom options (FlexBuffers for MediaPipe's custom ops).</param>
internal sealed record Operator(int OpcodeIndex, IReadOnlyList<int> Inputs, IReadOnlyList<int> Outputs,
    BuiltinOptions? Options, ReadOnlyMemory<byte> CustomOptions);
