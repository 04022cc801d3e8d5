namespace FaceMesh.Runtime.Tests;

/// <summary>The ways a model can be executed: vector or scalar kernels, one or several threads.</summary>
public sealed record ExecutionMode(bool Simd, int Threads)
{
    public static TheoryData<ExecutionMode> All => new()
    {
        new ExecutionMode(true, 1),
        new ExecutionMode(false, 1),
        new ExecutionMode(true, 3),
    };

    internal InterpreterOptions Options => new() { ThreadCount = Threads, UseSimd = Simd };

    public override string ToString() => $"{(Simd ? "simd" : "scalar")}-{Threads}t";
}
