using FaceMesh.Models;
using FaceMesh.Runtime.Model;

namespace FaceMesh.Runtime.Tests.ModelReading;

/// <summary>The 46 CSR-compressed 1x1 kernels of face_detection_full_range_sparse.tflite.</summary>
public sealed class SparseModelTests
{
    [Fact]
    public void The_full_range_model_has_46_sparse_float16_kernels_compressed_along_input_channels()
    {
        TfLiteModel model = ModelFiles.Read(MediaPipeModel.FaceDetectionFullRange);
        TensorInfo[] sparse = model.Subgraphs[0].Tensors.Where(t => t.Sparsity is not null).ToArray();

        Assert.Equal(46, sparse.Length);
        foreach (TensorInfo tensor in sparse)
        {
            SparsityParameters sparsity = tensor.Sparsity!;
            Assert.Equal(TensorType.Float16, tensor.Type);
            Assert.Equal(4, tensor.Shape.Count);
            Assert.Equal((1, 1), (tensor.Shape[1], tensor.Shape[2]));
            Assert.Equal([0, 1, 2, 3], sparsity.TraversalOrder);
            Assert.Empty(sparsity.BlockMap);
            Assert.Equal(
                [DimensionFormat.Dense, DimensionFormat.Dense, DimensionFormat.Dense, DimensionFormat.SparseCsr],
                sparsity.DimensionMetadata.Select(d => d.Format));
            Assert.Equal(tensor.Shape.Take(3), sparsity.DimensionMetadata.Take(3).Select(d => d.DenseSize));

            DimensionMetadata csr = sparsity.DimensionMetadata[3];
            Assert.Equal(tensor.Shape[0] + 1, csr.ArraySegments.Count);
            Assert.Equal(csr.ArrayIndices.Count, csr.ArraySegments[^1]);
            Assert.All(csr.ArrayIndices, i => Assert.InRange(i, 0, tensor.Shape[3] - 1));
            Assert.Equal(csr.ArrayIndices.Count * 2, model.Buffers[tensor.Buffer].Length);
        }
    }

    [Fact]
    public void Each_sparse_kernel_feeds_a_densify_operator()
    {
        TfLiteModel model = ModelFiles.Read(MediaPipeModel.FaceDetectionFullRange);
        Subgraph graph = model.Subgraphs[0];

        int[] densifyInputs = graph.Operators
            .Where(op => model.OperatorCodes[op.OpcodeIndex].Builtin == BuiltinOperator.Densify)
            .Select(op => Assert.Single(op.Inputs))
            .Order()
            .ToArray();
        int[] sparseTensors = Enumerable.Range(0, graph.Tensors.Count).Where(i => graph.Tensors[i].Sparsity is not null).ToArray();
        Assert.Equal(sparseTensors, densifyInputs);
    }
}
