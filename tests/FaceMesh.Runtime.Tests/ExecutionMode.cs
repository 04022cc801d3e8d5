namespace FaceMesh.Runtime.Tests;

/// <summary>
/// The ways a model can be executed: widest vector kernels, the AVX2 (256-bit) kernels even on an
/// AVX-512 machine, scalar kernels, one or several threads.
/// </summary>
public sealed record ExecutionMode(bool Simd, int Threads, int MaxVectorBits = 512)
{
    public static TheoryData<ExecutionMode> All => new()
    {
        new ExecutionMode(true, 1),
        new ExecutionMode(true, 1, 256),
        new ExecutionMode(false, 1),
        new ExecutionMode(true, 3),
    };

    internal InterpreterOptions Options => new() { ThreadCount = Threads, UseSimd = Simd, MaxVectorBits = MaxVectorBits };

    public override string ToString() => $"{(Simd ? MaxVectorBits < 512 ? $"simd{MaxVectorBits}" : "simd" : "scalar")}-{Threads}t";
}
