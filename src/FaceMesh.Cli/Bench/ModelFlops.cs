using FaceMesh.Runtime.Model;

namespace FaceMesh.Cli.Bench;

/// <summary>
/// Counts a model's floating-point work the way XNNPACK comparisons do: 2 x multiply-adds of
/// CONV_2D and DEPTHWISE_CONV_2D, from the static shapes in the graph.
/// </summary>
internal static class ModelFlops
{
    public static long Count(TfLiteModel model)
    {
        long flops = 0;
        foreach (Subgraph graph in model.Subgraphs)
            foreach (Operator op in graph.Operators) flops += OfOperator(model, graph, op);
        return flops;
    }

    /// <summary>FLOPs of one operator (0 for anything but a convolution).</summary>
    public static long OfOperator(TfLiteModel model, Subgraph graph, Operator op)
    {
        BuiltinOperator code = model.OperatorCodes[op.OpcodeIndex].Builtin;
        if (code is not (BuiltinOperator.Conv2D or BuiltinOperator.DepthwiseConv2D)) return 0;
        IReadOnlyList<int> output = graph.Tensors[op.Outputs[0]].Shape;
        IReadOnlyList<int> filter = graph.Tensors[op.Inputs[1]].Shape;
        long outputPixels = (long)output[0] * output[1] * output[2];
        long kernelArea = (long)filter[1] * filter[2];
        return code == BuiltinOperator.Conv2D
            ? 2 * outputPixels * output[3] * kernelArea * filter[3]
            : 2 * outputPixels * output[3] * kernelArea;
    }
}
