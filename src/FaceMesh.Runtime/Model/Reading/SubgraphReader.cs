using FaceMesh.Runtime.Model.FlatBuffers;

namespace FaceMesh.Runtime.Model.Reading;

/// <summary>Reads one <c>SubGraph</c>: tensors, graph inputs/outputs and operators.</summary>
internal static class SubgraphReader
{
    private const int TensorsField = 0;
    private const int InputsField = 1;
    private const int OutputsField = 2;
    private const int OperatorsField = 3;
    private const int NameField = 4;

    public static Subgraph Read(FlatBufferTable subgraph, int subgraphIndex, IReadOnlyList<OperatorCode> codes,
        IReadOnlyList<ReadOnlyMemory<byte>> buffers)
    {
        string? name = subgraph.GetString(NameField, "name");
        FlatBufferVector tensorVector = subgraph.GetVector(TensorsField, "tensors", 4);
        var tensors = new TensorInfo[tensorVector.Count];
        for (int i = 0; i < tensors.Length; i++)
        {
            tensors[i] = TensorReader.Read(tensorVector.GetTable(i, $"subgraph {subgraphIndex} tensor {i}"), buffers);
        }

        int[] inputs = TensorIndices.Read(subgraph.GetVector(InputsField, "inputs", 4), tensors.Length, allowOmitted: false);
        int[] outputs = TensorIndices.Read(subgraph.GetVector(OutputsField, "outputs", 4), tensors.Length, allowOmitted: false);

        FlatBufferVector operatorVector = subgraph.GetVector(OperatorsField, "operators", 4);
        var operators = new Operator[operatorVector.Count];
        for (int i = 0; i < operators.Length; i++)
        {
            FlatBufferTable op = operatorVector.GetTable(i, $"subgraph {subgraphIndex} operator {i}");
            operators[i] = OperatorReader.Read(op, codes, tensors.Length);
        }

        return new Subgraph(name, tensors, inputs, outputs, operators);
    }
}
