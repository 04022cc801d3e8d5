namespace FaceMesh.Runtime.Graph;

/// <summary>
/// Bookkeeping shared by the passes that merge a step into another: which step produced each
/// tensor so far (visiting in run order), and which steps a merge made redundant; those leave
/// the step list only at the end, so indices stay valid during the pass.
/// </summary>
internal sealed class FusionPass(List<CompiledStep> steps, List<(IReadOnlyList<int> Inputs, IReadOnlyList<int> Outputs)> operands)
{
    private readonly Dictionary<int, int> _producer = [];
    private readonly bool[] _removed = new bool[steps.Count];

    public List<CompiledStep> Steps => steps;
    public List<(IReadOnlyList<int> Inputs, IReadOnlyList<int> Outputs)> Operands => operands;

    /// <summary>Notes what step <paramref name="step"/> writes; call for each step in run order before looking at it.</summary>
    public void Visit(int step)
    {
        foreach (int t in operands[step].Outputs) _producer[t] = step;
    }

    /// <summary>The step that writes <paramref name="tensor"/>, if one was visited and not merged away.</summary>
    public bool TryGetProducer(int tensor, out int step) => _producer.TryGetValue(tensor, out step) && !_removed[step];

    /// <summary>Step <paramref name="step"/> becomes <paramref name="kernel"/> reading and writing the given tensors.</summary>
    public void Replace(int step, CompiledStep kernel, IReadOnlyList<int> inputs, IReadOnlyList<int> outputs)
    {
        steps[step] = kernel;
        operands[step] = (inputs, outputs);
        foreach (int t in outputs) _producer[t] = step;
    }

    public void Remove(int step) => _removed[step] = true;

    /// <summary>Drops the removed steps from the lists.</summary>
    public void Finish()
    {
        for (int s = steps.Count - 1; s >= 0; s--)
        {
            if (!_removed[s]) continue;
            steps.RemoveAt(s);
            operands.RemoveAt(s);
        }
    }
}
