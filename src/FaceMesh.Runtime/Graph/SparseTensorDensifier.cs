using FaceMesh.Runtime.Model;

namespace FaceMesh.Runtime.Graph;

/// <summary>
/// Expands a TFLite sparse tensor (dense and CSR dimensions) into its dense row-major form.
/// Only the identity traversal order without block maps is supported, which is what converters
/// emit for unstructured weight pruning.
/// </summary>
internal static class SparseTensorDensifier
{
    public static float[] Densify(IReadOnlyList<int> denseShape, SparsityParameters sparsity, ReadOnlySpan<float> values,
        string tensorName)
    {
        int rank = denseShape.Count;
        if (sparsity.BlockMap.Count != 0)
            throw new UnsupportedModelException($"Sparse tensor '{tensorName}' uses a block map, which is not supported.");
        if (sparsity.TraversalOrder.Count != rank || sparsity.DimensionMetadata.Count != rank)
            throw new UnsupportedModelException($"Sparse tensor '{tensorName}' has a traversal order of a different rank than its shape.");
        for (int d = 0; d < rank; d++)
        {
            if (sparsity.TraversalOrder[d] != d)
                throw new UnsupportedModelException($"Sparse tensor '{tensorName}' uses a non-identity traversal order.");
        }

        long total = 1;
        foreach (int extent in denseShape) total *= extent;
        var dense = new float[total];
        int consumed = 0;
        Expand(0, 0, 0, denseShape, sparsity.DimensionMetadata, values, dense, ref consumed, tensorName);
        if (consumed != values.Length)
            throw new ModelFormatException($"Sparse tensor '{tensorName}' stores {values.Length} values but its indices address {consumed}.");
        return dense;
    }

    // position: index into this level's segment array (the parent's traversal position).
    // linear: row-major dense index accumulated over the levels already visited.
    private static void Expand(int level, int position, long linear, IReadOnlyList<int> shape,
        IReadOnlyList<DimensionMetadata> levels, ReadOnlySpan<float> values, float[] dense, ref int consumed, string name)
    {
        if (level == shape.Count)
        {
            if (consumed >= values.Length)
                throw new ModelFormatException($"Sparse tensor '{name}' has fewer values than its indices address.");
            dense[linear] = values[consumed++];
            return;
        }

        DimensionMetadata meta = levels[level];
        int extent = shape[level];
        if (meta.Format == DimensionFormat.Dense)
        {
            for (int i = 0; i < extent; i++)
                Expand(level + 1, position * extent + i, linear * extent + i, shape, levels, values, dense, ref consumed, name);
            return;
        }

        if (position + 1 >= meta.ArraySegments.Count)
            throw new ModelFormatException($"Sparse tensor '{name}': CSR segment {position} out of range at dimension {level}.");
        int start = meta.ArraySegments[position], stop = meta.ArraySegments[position + 1];
        if (start < 0 || stop < start || stop > meta.ArrayIndices.Count)
            throw new ModelFormatException($"Sparse tensor '{name}': CSR segment [{start}, {stop}) invalid at dimension {level}.");
        for (int k = start; k < stop; k++)
        {
            int index = meta.ArrayIndices[k];
            if ((uint)index >= (uint)extent)
                throw new ModelFormatException($"Sparse tensor '{name}': CSR index {index} outside dimension {level} of size {extent}.");
            Expand(level + 1, k, linear * extent + index, shape, levels, values, dense, ref consumed, name);
        }
    }
}
