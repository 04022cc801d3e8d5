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

    /// <summary>
    /// <see cref="Cost"/> in convolution-equivalent operations, for deciding what to run in parallel:
    /// memory-bound kernels (element-wise, padding, pooling) get several times less done per
    /// nanosecond than a convolution's multiply-adds (a 96x96x16 ADD takes as long as a 1.3M-MAC depthwise).
    /// </summary>
    public long ScheduleCost => Cost * CostToConvolutionRatio;

    /// <summary>How many convolution multiply-adds one unit of <see cref="Cost"/> takes as long as (measured on AVX-512).</summary>
    protected virtual int CostToConvolutionRatio => 1;

    /// <summary>Shapes and parameters for profiles (e.g. "64x64x24 -> 32x32x48 k3x3 s2").</summary>
    public virtual string Describe() => "";

    public abstract void Run(in TensorMap tensors, int begin, int end);

    public void RunAll(in TensorMap tensors) => Run(tensors, 0, WorkUnits);
}
