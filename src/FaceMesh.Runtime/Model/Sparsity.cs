namespace FaceMesh.Runtime.Model;

/// <summary>TFLite <c>DimensionType</c>.</summary>
internal enum DimensionFormat : sbyte { Dense = 0, SparseCsr = 1 }

/// <summary>
/// One dimension of a sparse tensor's traversal (<c>DimensionMetadata</c>). For a dense
/// dimension only <see cref="DenseSize"/> matters; for CSR, segments and indices (stored as
/// int32/uint16/uint8 vectors in the file) are widened to int.
/// </summary>
internal sealed record DimensionMetadata(DimensionFormat Format, int DenseSize,
    IReadOnlyList<int> ArraySegments, IReadOnlyList<int> ArrayIndices);

/// <summary>TFLite <c>SparsityParameters</c>.</summary>
internal sealed record SparsityParameters(IReadOnlyList<int> TraversalOrder, IReadOnlyList<int> BlockMap,
    IReadOnlyList<DimensionMetadata> DimensionMetadata);
