namespace FaceMesh.Runtime.Tests.ModelReading;

/// <summary>
/// Small TFLite models written with <see cref="TestFlatBuffer"/>, with TFLite schema field numbers.
/// The default is valid: tensors 0 (input, float32 [1,2]), 1 (constant float32 [2], buffer 1) and
/// 2 (output [1,2]); one ADD operator 0 + 1 -> 2.
/// </summary>
internal static class TestModels
{
    public static FbTable ModelTable(FbNode[]? codes = null, FbNode[]? subgraphs = null, FbNode[]? buffers = null,
        uint version = 3) => new(
        (0, version),
        (1, new FbTableVector(codes ?? [OperatorCode(deprecated: 0)])),
        (2, new FbTableVector(subgraphs ?? [Subgraph()])),
        (3, new FbString("test model")),
        (4, new FbTableVector(buffers ?? [Buffer([]), Buffer(new byte[8])])));

    public static FbTable Subgraph(FbNode[]? tensors = null, int[]? inputs = null, int[]? outputs = null,
        FbNode[]? operators = null) => new(
        (0, new FbTableVector(tensors ?? [
            Tensor([1, 2], name: "input"),
            Tensor([2], buffer: 1, name: "bias"),
            Tensor([1, 2], name: "output"),
        ])),
        (1, FbScalarVector.Ints(inputs ?? [0])),
        (2, FbScalarVector.Ints(outputs ?? [2])),
        (3, new FbTableVector(operators ?? [Operator(0, [0, 1], [2], optionsType: 11, options: new FbTable((0, (sbyte)0)))])),
        (4, new FbString("main")));

    public static FbTable Tensor(int[] shape, sbyte type = 0, uint buffer = 0, string name = "t", FbTable? sparsity = null)
    {
        var fields = new List<(int, object)> { (0, FbScalarVector.Ints(shape)), (1, type), (2, buffer), (3, new FbString(name)) };
        if (sparsity is not null)
        {
            fields.Add((6, sparsity));
        }

        return new FbTable([.. fields]);
    }

    public static FbTable Operator(uint opcodeIndex, int[] inputs, int[] outputs, byte optionsType = 0,
        FbTable? options = null, byte[]? customOptions = null)
    {
        var fields = new List<(int, object)> { (0, opcodeIndex), (1, FbScalarVector.Ints(inputs)), (2, FbScalarVector.Ints(outputs)) };
        if (optionsType != 0)
        {
            fields.Add((3, optionsType));
        }

        if (options is not null)
        {
            fields.Add((4, options));
        }

        if (customOptions is not null)
        {
            fields.Add((5, FbScalarVector.Bytes8(customOptions)));
        }

        return new FbTable([.. fields]);
    }

    public static FbTable OperatorCode(sbyte deprecated, int? builtin = null, string? custom = null, int? version = null)
    {
        var fields = new List<(int, object)> { (0, deprecated) };
        if (custom is not null)
        {
            fields.Add((1, new FbString(custom)));
        }

        if (version is int v)
        {
            fields.Add((2, v));
        }

        if (builtin is int b)
        {
            fields.Add((3, b));
        }

        return new FbTable([.. fields]);
    }

    public static FbTable Buffer(byte[] data) => new((0, FbScalarVector.Bytes8(data)));

    /// <summary>SparsityParameters with the given traversal order and dimension metadata tables.</summary>
    public static FbTable Sparsity(int[] traversalOrder, params FbNode[] dimensions) => new(
        (0, FbScalarVector.Ints(traversalOrder)),
        (2, new FbTableVector(dimensions)));

    public static FbTable DenseDimension(int size) => new((0, (byte)0), (1, size));

    /// <summary>A SPARSE_CSR dimension with uint8 segments and indices (union member 3).</summary>
    public static FbTable CsrDimension(byte[] segments, byte[] indices) => new(
        (0, (byte)1),
        (2, (byte)3), (3, new FbTable((0, FbScalarVector.Bytes8(segments)))),
        (4, (byte)3), (5, new FbTable((0, FbScalarVector.Bytes8(indices)))));

    public static byte[] Bytes(FbTable model) => TestFlatBuffer.Write(model);
}
