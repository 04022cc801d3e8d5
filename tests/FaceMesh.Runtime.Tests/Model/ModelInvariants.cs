using FaceMesh.Runtime.Model;

namespace FaceMesh.Runtime.Tests.ModelReading;

/// <summary>
/// What TfLiteModel promises its users, checked on any model the reader accepted (including
/// corrupted files that happen to stay well formed).
/// </summary>
internal static class ModelInvariants
{
    public static void Check(TfLiteModel model)
    {
        Assert.NotEmpty(model.Subgraphs);
        foreach (Subgraph graph in model.Subgraphs)
        {
            int tensorCount = graph.Tensors.Count;
            Assert.All(graph.Inputs, i => Assert.InRange(i, 0, tensorCount - 1));
            Assert.All(graph.Outputs, i => Assert.InRange(i, 0, tensorCount - 1));
            foreach (TensorInfo tensor in graph.Tensors)
            {
                Assert.InRange(tensor.Buffer, 0, model.Buffers.Count - 1);
                Assert.All(tensor.Shape, d => Assert.True(d >= 0));
                int length = model.Buffers[tensor.Buffer].Length;
                if (length > 0 && tensor.Sparsity is null && tensor.Type == TensorType.Float32)
                {
                    Assert.Equal(tensor.Shape.Aggregate(4L, (n, d) => n * d), length);
                }
            }

            foreach (Operator op in graph.Operators)
            {
                Assert.InRange(op.OpcodeIndex, 0, model.OperatorCodes.Count - 1);
                Assert.All(op.Inputs, i => Assert.InRange(i, -1, tensorCount - 1));
                Assert.All(op.Outputs, i => Assert.InRange(i, 0, tensorCount - 1));
            }
        }
    }
}
