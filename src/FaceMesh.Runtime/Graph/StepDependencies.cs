namespace FaceMesh.Runtime.Graph;

/// <summary>
/// Which earlier steps each step reads from. Every arena buffer is written by exactly one step
/// (aliases share their source's buffer and are never written), so read-after-write edges are
/// the only ordering constraints once concurrently running steps get disjoint memory.
/// </summary>
internal static class StepDependencies
{
    /// <summary>For each step, the distinct earlier steps that produce one of its inputs, ascending.</summary>
    public static int[][] Predecessors(IReadOnlyList<(IReadOnlyList<int> Inputs, IReadOnlyList<int> Outputs)> operands, int[] aliasOf)
    {
        var producer = new Dictionary<int, int>();
        var result = new int[operands.Count][];
        for (int s = 0; s < operands.Count; s++)
        {
            var predecessors = new SortedSet<int>();
            foreach (int t in operands[s].Inputs)
            {
                if (producer.TryGetValue(aliasOf[t], out int p)) predecessors.Add(p);
            }
            result[s] = [.. predecessors];
            foreach (int t in operands[s].Outputs) producer[aliasOf[t]] = s;
        }
        return result;
    }
}
