using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using FaceMesh.Runtime.Kernels;

namespace FaceMesh.Runtime.Graph;

/// <summary>
/// A model prepared for execution: kernels in run order with their packed weights, the arena
/// layout, the schedule over threads, and the constants that live in the arena. Immutable, so any number of interpreters
/// can run it concurrently, each with its own arena.
/// </summary>
internal sealed unsafe class CompiledGraph
{
    private readonly long[] _offsets;

    public CompiledGraph(IReadOnlyList<CompiledStep> steps, ExecutionStage[] stages, int threadCount, long[] tensorOffsets, long arenaSize,
        IReadOnlyList<ArenaConstant> arenaConstants, IReadOnlyList<TensorDescription> inputs,
        IReadOnlyList<TensorDescription> outputs, IReadOnlyList<PlannedBuffer> buffers)
    {
        Buffers = buffers;
        Steps = steps;
        Stages = stages;
        ThreadCount = threadCount;
        _offsets = GC.AllocateArray<long>(tensorOffsets.Length, pinned: true);
        tensorOffsets.CopyTo(_offsets, 0);
        OffsetTable = (long*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_offsets));
        ArenaSize = arenaSize;
        ArenaConstants = arenaConstants;
        Inputs = inputs;
        Outputs = outputs;
    }

    public IReadOnlyList<CompiledStep> Steps { get; }

    /// <summary>The steps grouped into stages between which all threads meet; covers every step in order.</summary>
    public ExecutionStage[] Stages { get; }

    /// <summary>Threads the stages and the memory plan were made for.</summary>
    public int ThreadCount { get; }

    /// <summary>The memory plan, kept for diagnostics and tests.</summary>
    public IReadOnlyList<PlannedBuffer> Buffers { get; }
    public long ArenaSize { get; }
    public IReadOnlyList<ArenaConstant> ArenaConstants { get; }
    public IReadOnlyList<TensorDescription> Inputs { get; }
    public IReadOnlyList<TensorDescription> Outputs { get; }

    /// <summary>Arena offset (in floats) of every tensor index; pinned, read by <see cref="TensorMap"/>.</summary>
    public long* OffsetTable { get; }

    public long OffsetOf(int tensor) => _offsets[tensor];
}

/// <summary>One kernel to run, with the model operator it came from.</summary>
internal sealed record CompiledStep(int OpIndex, Kernel Kernel);

/// <summary>A constant that a run-time kernel reads as an ordinary tensor; copied into each arena once.</summary>
internal sealed record ArenaConstant(int Tensor, float[] Values);

/// <summary>An arena region shared by one tensor and its aliases, alive over steps [FirstStep, LastStep].</summary>
internal sealed record PlannedBuffer(IReadOnlyList<int> Tensors, long Offset, long Size, int FirstStep, int LastStep);
