using System.Runtime.CompilerServices;
using System.Diagnostics;
using FaceMesh.Runtime.Graph;
using FaceMesh.Runtime.Kernels;
using FaceMesh.Runtime.Model;

namespace FaceMesh.Runtime;

/// <summary>
/// Runs a TFLite model on float32 NHWC tensors. All preparation (constant folding, weight
/// packing, memory planning, worker threads) happens in the constructor; <see cref="Invoke"/>
/// allocates nothing.
/// </summary>
/// <remarks>
/// Not thread-safe: one instance serves one caller at a time (its tensors live in one arena).
/// Create one interpreter per concurrent caller. Input tensors keep their contents across
/// <see cref="Invoke"/> calls; output spans stay valid until the next Invoke or Dispose.
/// </remarks>
public sealed unsafe class Interpreter : IDisposable
{
    private readonly CompiledGraph _graph;
    private readonly NativeArena _arena;
    private readonly WorkerPool? _pool;
    private readonly Kernel[] _kernels;
    private readonly ExecutionStage[] _stages;
    private bool _disposed;

    internal Interpreter(TfLiteModel model, InterpreterOptions? options = null)
        : this(GraphCompiler.Compile(model ?? throw new ArgumentNullException(nameof(model)), (options ?? new()).Isa,
            (options ?? new()).ResolvedThreadCount, (options ?? new()).KeepHalfWeights))
    {
    }

    /// <summary>Runs <paramref name="graph"/> on the threads it was scheduled for.</summary>
    internal Interpreter(CompiledGraph graph)
    {
        _graph = graph;
        _kernels = graph.Steps.Select(s => s.Kernel).ToArray();
        _stages = graph.Stages;
        _arena = new NativeArena(graph.ArenaSize);
        foreach (ArenaConstant constant in graph.ArenaConstants)
            constant.Values.CopyTo(new Span<float>(_arena.Pointer + graph.OffsetOf(constant.Tensor), constant.Values.Length));
        if (graph.ThreadCount > 1) _pool = new WorkerPool(graph.ThreadCount, _kernels.Length);
    }

    /// <summary>Parses a <c>.tflite</c> flatbuffer and plans its graph for float32 inference.</summary>
    /// <exception cref="ModelFormatException">The bytes are not a valid TFLite model.</exception>
    /// <exception cref="UnsupportedModelException">The model uses an operator or tensor type this runtime does not implement.</exception>
    public static Interpreter Load(ReadOnlyMemory<byte> modelBytes, InterpreterOptions? options = null) =>
        new(TfLiteModelReader.Read(modelBytes), options);

    /// <summary>Loads a <c>.tflite</c> file; see <see cref="Load(ReadOnlyMemory{byte}, InterpreterOptions?)"/>.</summary>
    public static Interpreter Load(string path, InterpreterOptions? options = null) =>
        Load(File.ReadAllBytes(path), options);

    /// <summary>The graph's input tensors, in the model's order.</summary>
    public IReadOnlyList<TensorDescription> Inputs => _graph.Inputs;
    /// <summary>The graph's output tensors, in the model's order.</summary>
    public IReadOnlyList<TensorDescription> Outputs => _graph.Outputs;

    internal CompiledGraph Graph => _graph;

    /// <summary>The input tensor's storage; write the input here before <see cref="Invoke"/>.</summary>
    public Span<float> GetInput(int index) => View(Describe(_graph.Inputs, index));

    /// <summary>The storage of the input tensor called <paramref name="name"/>.</summary>
    public Span<float> GetInput(string name) => View(Find(_graph.Inputs, name, "input"));

    /// <summary>The output tensor's values after <see cref="Invoke"/>; valid until the next call.</summary>
    public ReadOnlySpan<float> GetOutput(int index) => View(Describe(_graph.Outputs, index));

    /// <summary>The values of the output tensor called <paramref name="name"/>; valid until the next <see cref="Invoke"/>.</summary>
    public ReadOnlySpan<float> GetOutput(string name) => View(Find(_graph.Outputs, name, "output"));

    /// <summary>Runs the graph on the current inputs.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Invoke()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var tensors = new TensorMap(_arena.Pointer, _graph.OffsetTable);
        Kernel[] kernels = _kernels;
        ExecutionStage[] stages = _stages;
        for (int i = 0; i < stages.Length; i++)
        {
            ExecutionStage stage = stages[i];
            switch (stage.Kind)
            {
                case StageKind.Wide:
                    _pool!.Run(kernels[stage.FirstStep], tensors);
                    break;
                case StageKind.Lanes:
                    _pool!.RunLanes(stage, kernels, tensors);
                    break;
                default:
                    for (int s = stage.FirstStep; s <= stage.LastStep; s++) kernels[s].RunAll(tensors);
                    break;
            }
        }
    }

    /// <summary>
    /// Invoke that also adds each step's elapsed <see cref="Stopwatch"/> ticks to <paramref name="ticksPerStep"/>.
    /// Steps run one at a time (wide ones still split), so lane stages show their sequential cost.
    /// </summary>
    internal void InvokeProfiled(Span<long> ticksPerStep)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var tensors = new TensorMap(_arena.Pointer, _graph.OffsetTable);
        foreach (ExecutionStage stage in _stages)
        {
            for (int s = stage.FirstStep; s <= stage.LastStep; s++)
            {
                long start = Stopwatch.GetTimestamp();
                if (stage.Kind == StageKind.Wide) _pool!.Run(_kernels[s], tensors);
                else _kernels[s].RunAll(tensors);
                ticksPerStep[s] += Stopwatch.GetTimestamp() - start;
            }
        }
    }

    /// <summary>
    /// Fills the memory of every tensor that is not a constant nor a graph input with
    /// <paramref name="value"/>, as if other tensors had used it before: tests show with it that no
    /// kernel reads memory it did not write in the same run.
    /// </summary>
    internal void FillIntermediates(float value)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var kept = new HashSet<int>(_graph.ArenaConstants.Select(c => c.Tensor).Concat(_graph.Inputs.Select(i => i.Index)));
        foreach (PlannedBuffer buffer in _graph.Buffers)
        {
            if (!buffer.Tensors.Any(kept.Contains)) new Span<float>(_arena.Pointer + buffer.Offset, checked((int)buffer.Size)).Fill(value);
        }
    }

    /// <summary>Releases the tensor arena and worker threads; later calls throw <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _pool?.Dispose();
        _arena.Dispose();
    }

    private Span<float> View(TensorDescription tensor)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return new Span<float>(_arena.Pointer + _graph.OffsetOf(tensor.Index), tensor.ElementCount);
    }

    private static TensorDescription Describe(IReadOnlyList<TensorDescription> list, int index) =>
        (uint)index < (uint)list.Count ? list[index]
            : throw new ArgumentOutOfRangeException(nameof(index), index, $"The model has {list.Count} tensors here.");

    private static TensorDescription Find(IReadOnlyList<TensorDescription> list, string name, string role)
    {
        ArgumentNullException.ThrowIfNull(name);
        // An index loop: foreach over the interface would allocate an enumerator on every lookup
        // wherever the JIT does not stack-allocate it (no tiered PGO, or code not yet promoted).
        for (int i = 0; i < list.Count; i++)
        {
            if (list[i].Name == name) return list[i];
        }
        throw new ArgumentException(
            $"The model has no {role} named '{name}'. Valid {role}s: {string.Join(", ", list.Select(t => $"'{t.Name}'"))}.", nameof(name));
    }
}
