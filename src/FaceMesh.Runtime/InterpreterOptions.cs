using FaceMesh.Runtime.Kernels;

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

    /// <summary>
    /// Caps the vector width (512, 256) below what the CPU offers, so tests can run the AVX2
    /// kernels on an AVX-512 machine.
    /// </summary>
    internal int MaxVectorBits { get; init; } = 512;

    /// <summary>
    /// False widens every weight to float32 at load, as before kernels learned to read halves;
    /// exists so tests and benchmarks can compare the two (outputs must be bit-identical).
    /// </summary>
    internal bool KeepHalfWeights { get; init; } = true;

    internal VectorIsa Isa => SimdSupport.Select(UseSimd, MaxVectorBits);

    internal int ResolvedThreadCount => ThreadCount > 0 ? ThreadCount : Environment.ProcessorCount;
}
