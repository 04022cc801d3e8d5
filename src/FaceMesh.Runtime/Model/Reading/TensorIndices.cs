using FaceMesh.Runtime.Model.FlatBuffers;

namespace FaceMesh.Runtime.Model.Reading;

/// <summary>Reads a vector of tensor indices, each inside the subgraph's tensor list.</summary>
internal static class TensorIndices
{
    /// <param name="allowOmitted">Operator inputs may be -1 for an omitted optional input.</param>
    public static int[] Read(FlatBufferVector vector, int tensorCount, bool allowOmitted)
    {
        int[] indices = vector.ToInt32Array();
        for (int i = 0; i < indices.Length; i++)
        {
            int index = indices[i];
            bool valid = (index >= 0 && index < tensorCount) || (allowOmitted && index == -1);
            if (!valid)
            {
                throw new ModelFormatException(
                    $"{vector.Context}: {vector.Name}[{i}] = {index} is not a tensor index (the subgraph has {tensorCount} tensors).");
            }
        }

        return indices;
    }
}
