namespace FaceMesh.Runtime;

/// <summary>Settings fixed when an <see cref="Interpreter"/> is created.</summary>
public sealed class InterpreterOptions
{
    /// <summary>
    /// Threads that run one <see cref="Interpreter.Invoke"/>; the caller's thread is one of them.
    /// 1 runs everything on the caller's thread; 0 or less means <see cref="Environment.ProcessorCount"/>.
    /// </summary>
    public int ThreadCount { get; init; } = 1;

    /// <summary>
    /// False forces the portable scalar kernels even where SIMD is available. Exists so tests can
    /// compare both paths on the same machine.
    /// </summary>
    internal bool UseSimd { get; init; } = true;

    internal int ResolvedThreadCount => ThreadCount > 0 ? ThreadCount : Environment.ProcessorCount;
}
