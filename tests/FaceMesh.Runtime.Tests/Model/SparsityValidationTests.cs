using FaceMesh.Runtime.Model;
using static FaceMesh.Runtime.Tests.ModelReading.TestModels;

namespace FaceMesh.Runtime.Tests.ModelReading;

/// <summary>
/// A 2x4 float16 matrix, rows dense and columns CSR, in synthetic models: the valid layout and
/// each kind of inconsistency.
/// </summary>
public sealed class SparsityValidationTests
{
    private static FbTable ModelWithSparseWeights(FbTable sparsity, int storedValues) => ModelTable(
        subgraphs: [Subgraph(tensors: [Tensor([1, 2]), Tensor([2, 4], type: 1, buffer: 1, name: "w", sparsity: sparsity), Tensor([1, 2])])],
        buffers: [Buffer([]), Buffer(new byte[storedValues * 2])]);

    private static FbTable Csr(byte[] segments, byte[] indices, int[]? order = null, int rows = 2) =>
        Sparsity(order ?? [0, 1], DenseDimension(rows), CsrDimension(segments, indices));

    [Fact]
    public void A_consistent_csr_tensor_is_read_with_widened_indices()
    {
        TfLiteModel model = TfLiteModelReader.Read(Bytes(ModelWithSparseWeights(Csr([0, 2, 3], [0, 3, 1]), 3)));

        SparsityParameters sparsity = model.Subgraphs[0].Tensors[1].Sparsity!;
        Assert.Equal([0, 1], sparsity.TraversalOrder);
        Assert.Empty(sparsity.BlockMap);
        Assert.Equal(DimensionFormat.Dense, sparsity.DimensionMetadata[0].Format);
        Assert.Equal(2, sparsity.DimensionMetadata[0].DenseSize);
        Assert.Equal([0, 2, 3], sparsity.DimensionMetadata[1].ArraySegments);
        Assert.Equal([0, 3, 1], sparsity.DimensionMetadata[1].ArrayIndices);
    }

    [Theory]
    [InlineData(new byte[] { 0, 2 }, new byte[] { 0, 3 }, 2, "2 array_segments entries for 2 parent elements")]
    [InlineData(new byte[] { 0, 2, 1 }, new byte[] { 0 }, 1, "decrease")]
    [InlineData(new byte[] { 1, 2, 3 }, new byte[] { 0, 1, 2 }, 3, "must run from 0 to 3")]
    [InlineData(new byte[] { 0, 2, 3 }, new byte[] { 0, 4, 1 }, 3, "array_indices[1] = 4")]
    [InlineData(new byte[] { 0, 2, 3 }, new byte[] { 0, 3, 1 }, 4, "8 bytes but 3 stored values")]
    public void Inconsistent_csr_metadata_is_rejected(byte[] segments, byte[] indices, int storedValues, string expected)
    {
        var e = Assert.Throws<ModelFormatException>(() =>
            TfLiteModelReader.Read(Bytes(ModelWithSparseWeights(Csr(segments, indices), storedValues))));
        Assert.Contains("tensor 1 'w'", e.Message, StringComparison.Ordinal);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_traversal_order_must_be_a_permutation()
    {
        var e = Assert.Throws<ModelFormatException>(() =>
            TfLiteModelReader.Read(Bytes(ModelWithSparseWeights(Csr([0, 2, 3], [0, 3, 1], order: [1, 1]), 3))));
        Assert.Contains("not a permutation", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_dense_size_must_match_the_shape()
    {
        var e = Assert.Throws<ModelFormatException>(() =>
            TfLiteModelReader.Read(Bytes(ModelWithSparseWeights(Csr([0, 2, 3, 3], [0, 3, 1], rows: 3), 3))));
        Assert.Contains("dense_size 3 does not match the dimension's size 2", e.Message, StringComparison.Ordinal);
    }
}
