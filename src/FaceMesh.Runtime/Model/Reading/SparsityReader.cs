using FaceMesh.Runtime.Model.FlatBuffers;

namespace FaceMesh.Runtime.Model.Reading;

/// <summary>
/// Reads a tensor's <c>SparsityParameters</c> and proves them consistent with its shape: the
/// traversal order is a permutation, block dimensions divide their tensor dimension, dense sizes
/// match the shape, CSR segments are monotonic and cover exactly the index list, and indices lie
/// inside their dimension. Also yields how many values the buffer must hold.
/// </summary>
internal static class SparsityReader
{
    private const int TraversalOrderField = 0;
    private const int BlockMapField = 1;
    private const int DimMetadataField = 2;

    public static (SparsityParameters Parameters, long StoredValueCount) Read(FlatBufferTable sparsity,
        IReadOnlyList<int> shape)
    {
        string context = sparsity.Context;
        int[] traversalOrder = sparsity.GetVector(TraversalOrderField, "traversal_order", 4).ToInt32Array();
        int[] blockMap = sparsity.GetVector(BlockMapField, "block_map", 4).ToInt32Array();
        FlatBufferVector metadataVector = sparsity.GetVector(DimMetadataField, "dim_metadata", 4);

        int rank = shape.Count;
        int traversedRank = rank + blockMap.Length;
        if (traversalOrder.Length != traversedRank || metadataVector.Count != traversedRank)
        {
            throw new ModelFormatException(
                $"{context}: traversal_order has {traversalOrder.Length} and dim_metadata {metadataVector.Count} " +
                $"entries, but a rank-{rank} tensor with {blockMap.Length} block dimensions needs {traversedRank}.");
        }

        CheckTraversalOrder(traversalOrder, rank, context);
        CheckBlockMap(blockMap, rank, context);

        var metadata = new DimensionMetadata[traversedRank];
        for (int i = 0; i < metadata.Length; i++)
        {
            metadata[i] = DimensionMetadataReader.Read(metadataVector.GetTable(i, $"{context} dim_metadata[{i}]"));
        }

        int[] sizes = TraversedSizes(shape, traversalOrder, blockMap, metadata, context);
        long storedValues = CountStoredValues(metadata, sizes, context);
        return (new SparsityParameters(traversalOrder, blockMap, metadata), storedValues);
    }

    private static void CheckTraversalOrder(int[] order, int rank, string context)
    {
        // The first `rank` entries permute the tensor dimensions, the rest permute the block dimensions.
        var seen = new bool[order.Length];
        for (int i = 0; i < order.Length; i++)
        {
            int dim = order[i];
            bool inRange = i < rank ? dim >= 0 && dim < rank : dim >= rank && dim < order.Length;
            if (!inRange || seen[dim])
            {
                throw new ModelFormatException(
                    $"{context}: traversal_order [{string.Join(", ", order)}] is not a permutation of the dimensions.");
            }

            seen[dim] = true;
        }
    }

    private static void CheckBlockMap(int[] blockMap, int rank, string context)
    {
        foreach (int dim in blockMap)
        {
            if (dim < 0 || dim >= rank)
            {
                throw new ModelFormatException($"{context}: block_map entry {dim} is not a dimension of the rank-{rank} tensor.");
            }
        }
    }

    /// <summary>The extent of each traversed dimension, in traversal order.</summary>
    private static int[] TraversedSizes(IReadOnlyList<int> shape, int[] order, int[] blockMap,
        DimensionMetadata[] metadata, string context)
    {
        int rank = shape.Count;
        var extent = new int[order.Length];
        for (int i = 0; i < order.Length; i++)
        {
            if (order[i] >= rank)
            {
                if (metadata[i].Format != DimensionFormat.Dense || metadata[i].DenseSize <= 0)
                {
                    throw new ModelFormatException($"{context}: block dimension {order[i]} must be dense with a positive size.");
                }

                extent[order[i]] = metadata[i].DenseSize;
            }
        }

        for (int dim = 0; dim < rank; dim++)
        {
            int block = Array.IndexOf(blockMap, dim) is int j and >= 0 ? extent[rank + j] : 1;
            if (shape[dim] % block != 0)
            {
                throw new ModelFormatException($"{context}: block size {block} does not divide dimension {dim} of size {shape[dim]}.");
            }

            extent[dim] = shape[dim] / block;
        }

        var sizes = new int[order.Length];
        for (int i = 0; i < order.Length; i++)
        {
            sizes[i] = extent[order[i]];
            if (metadata[i].Format == DimensionFormat.Dense && metadata[i].DenseSize != sizes[i])
            {
                throw new ModelFormatException(
                    $"{context}: dim_metadata[{i}] dense_size {metadata[i].DenseSize} does not match the dimension's size {sizes[i]}.");
            }
        }

        return sizes;
    }

    private static long CountStoredValues(DimensionMetadata[] metadata, int[] sizes, string context)
    {
        long count = 1;
        for (int i = 0; i < metadata.Length; i++)
        {
            if (metadata[i].Format == DimensionFormat.Dense)
            {
                count *= sizes[i];
                if (count > int.MaxValue)
                {
                    throw new ModelFormatException($"{context}: sparse tensor holds more than {int.MaxValue} values.");
                }

                continue;
            }

            CheckCsrDimension(metadata[i], count, sizes[i], $"{context} dim_metadata[{i}]");
            count = metadata[i].ArrayIndices.Count;
        }

        return count;
    }

    private static void CheckCsrDimension(DimensionMetadata dim, long parentCount, int size, string context)
    {
        IReadOnlyList<int> segments = dim.ArraySegments;
        IReadOnlyList<int> indices = dim.ArrayIndices;
        if (segments.Count != parentCount + 1)
        {
            throw new ModelFormatException(
                $"{context}: {segments.Count} array_segments entries for {parentCount} parent elements (needs {parentCount + 1}).");
        }

        if (segments[0] != 0 || segments[^1] != indices.Count)
        {
            throw new ModelFormatException(
                $"{context}: array_segments run from {segments[0]} to {segments[^1]} but must run from 0 to {indices.Count} (the index count).");
        }

        for (int i = 1; i < segments.Count; i++)
        {
            if (segments[i] < segments[i - 1])
            {
                throw new ModelFormatException($"{context}: array_segments decrease at entry {i}.");
            }
        }

        for (int i = 0; i < indices.Count; i++)
        {
            if ((uint)indices[i] >= (uint)size)
            {
                throw new ModelFormatException($"{context}: array_indices[{i}] = {indices[i]} is outside the dimension's size {size}.");
            }
        }
    }
}
