namespace FaceMesh.Runtime.Graph;

/// <summary>
/// Intermediate tensors that exactly one step reads and nothing else can observe: not a graph
/// output, not aliased either way. Only these may vanish when their producer and reader are
/// fused into one step.
/// </summary>
internal sealed class PrivateTensors
{
    private readonly bool[] _private;

    public PrivateTensors(int[] uses, int[] aliasOf, IEnumerable<int> graphOutputs)
    {
        _private = new bool[uses.Length];
        for (int t = 0; t < uses.Length; t++) _private[t] = uses[t] == 1 && aliasOf[t] == t;
        for (int t = 0; t < aliasOf.Length; t++)
        {
            if (aliasOf[t] != t) _private[aliasOf[t]] = false;
        }
        foreach (int t in graphOutputs) _private[t] = false;
    }

    public bool Contains(int tensor) => _private[tensor];
}
