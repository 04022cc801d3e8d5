using FaceMesh.Runtime.Graph;

namespace FaceMesh.Runtime.Kernels;

/// <summary>
/// One prepared operator. Immutable after construction (weights are packed once) so a compiled
/// graph can serve several interpreters; all run-time state lives in the arena the
/// <see cref="TensorMap"/> points into. Work is cut into independent units (output rows, tiles,
/// chunks) so the worker pool can split it without the kernel knowing about threads.
/// </summary>
internal abstract unsafe class Kernel
{
    protected Kernel(string opName) => OpName = opName;

    /// <summary>Operator name for profiles and messages (e.g. "Conv2D").</summary>
    public string OpName { get; }

    /// <summary>Number of independent work units; Run may be called on any sub-range of [0, WorkUnits).</summary>
    public abstract int WorkUnits { get; }

    /// <summary>Rough work per invocation (multiply-adds or element operations), used to decide whether splitting across threads pays.</summary>
    public abstract long Cost { get; }

    /// <summary>Shapes and parameters for profiles (e.g. "64x64x24 -> 32x32x48 k3x3 s2").</summary>
    public virtual string Describe() => "";

    public abstract void Run(in TensorMap tensors, int begin, int end);

    public void RunAll(in TensorMap tensors) => Run(tensors, 0, WorkUnits);
}
