using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using FaceMesh.Runtime.Kernels;

namespace FaceMesh.Runtime.Graph;

/// <summary>
/// Persistent helper threads that run one stage at a time together with the caller's thread:
/// either one kernel whose work units are cut into chunks, or lanes of independent steps
/// (<see cref="LaneJob"/>).
/// A kernel's units are split into one contiguous part per thread, and each part into a few
/// chunks. A thread runs its own part first, so consecutive layers find their input rows in the
/// cache of the core that wrote them (units are spatial, in the same order in every kernel);
/// then it claims what is left of the other parts, so the caller never waits for a helper that has
/// not started: it waits only for chunks that were actually claimed. Nothing is allocated per run;
/// the job is published through fields and one claim word per part holding (generation, next
/// chunk), which makes a late helper's claim on a finished job fail. Helpers spin briefly between
/// jobs (stages follow each other within microseconds) and then sleep on a semaphore so an idle
/// interpreter costs no CPU.
/// </summary>
internal sealed class WorkerPool : IDisposable
{
    private const int ChunksPerPart = 4;
    private const int ClaimStride = 8; // longs: one 64-byte line per part
    private const int IdleSpinIterations = 4_000;
    private const int Closed = int.MaxValue;

    private readonly Thread[] _helpers;
    private readonly SemaphoreSlim _wake = new(0);
    private readonly LaneJob _lanes;
    private Kernel? _kernel;
    private TensorMap _tensors;
    private bool _laneJob;
    private int _units;
    private int _chunksPerPart;
    private int _chunkCount;
    private readonly long[] _claims; // per part, (generation << 32) | next chunk of that part; Closed once the job is over
    private int _completed;
    private int _generation;
    private int _sleepingHelpers;
    private volatile bool _stopping;
    private ExceptionDispatchInfo? _failure;

    public WorkerPool(int threadCount, int stepCount)
    {
        ThreadCount = Math.Max(1, threadCount);
        _lanes = new LaneJob(ThreadCount, stepCount);
        _claims = new long[ThreadCount * ClaimStride];
        _helpers = new Thread[ThreadCount - 1];
        for (int i = 0; i < _helpers.Length; i++)
        {
            int lane = i + 1;
            _helpers[i] = new Thread(() => HelperLoop(lane)) { IsBackground = true, Name = $"FaceMesh.Runtime worker {lane}" };
            _helpers[i].Start();
        }
    }

    public int ThreadCount { get; }

    /// <summary>Runs one kernel with its work units shared by all threads.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Run(Kernel kernel, in TensorMap tensors)
    {
        int units = kernel.WorkUnits;
        if (_helpers.Length == 0 || units < 2)
        {
            kernel.RunAll(tensors);
            return;
        }

        int generation = _generation + 1;
        _laneJob = false;
        _kernel = kernel;
        _tensors = tensors;
        _units = units;
        _chunksPerPart = Math.Max(1, Math.Min(ChunksPerPart, units / ThreadCount));
        _chunkCount = _chunksPerPart * ThreadCount;
        _completed = 0;
        for (int part = 0; part < ThreadCount; part++) Volatile.Write(ref _claims[part * ClaimStride], (long)generation << 32);
        Publish(generation);

        RunChunks(generation, 0);

        var spinner = new SpinWait();
        while (Volatile.Read(ref _completed) < _chunkCount) spinner.SpinOnce(sleep1Threshold: -1);
        // A helper that read this job's fields late must not claim anything once the next job reuses them.
        for (int part = 0; part < ThreadCount; part++) Volatile.Write(ref _claims[part * ClaimStride], ((long)generation << 32) | Closed);
        _kernel = null;
        ThrowIfFailed();
    }

    /// <summary>Runs a <see cref="StageKind.Lanes"/> stage: lane i on thread i, or on the caller when that thread is late.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void RunLanes(ExecutionStage stage, Kernel[] kernels, in TensorMap tensors)
    {
        int generation = _generation + 1;
        _laneJob = true;
        _lanes.Prepare(stage, kernels, tensors, generation);
        Publish(generation);
        _lanes.RunAsCaller();
        ThrowIfFailed();
    }

    private void Publish(int generation)
    {
        Volatile.Write(ref _generation, generation);
        // Only sleeping helpers need a token; releasing for spinning ones would pile up counts.
        int sleeping = Volatile.Read(ref _sleepingHelpers);
        if (sleeping > 0) _wake.Release(sleeping);
    }

    private void ThrowIfFailed()
    {
        ExceptionDispatchInfo? failure = _failure ?? _lanes.TakeFailure();
        if (failure is null) return;
        _failure = null;
        failure.Throw();
    }

    /// <summary>
    /// Claims and runs chunks of the job of <paramref name="generation"/>, those of its own part
    /// first, until none is left (or the job is not that one any more).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void RunChunks(int generation, int lane)
    {
        Kernel? kernel = _kernel;
        TensorMap tensors = _tensors;
        int units = _units, perPart = _chunksPerPart, chunkCount = _chunkCount, parts = ThreadCount;
        if (kernel is null) return;
        for (int p = 0; p < parts; p++)
        {
            int part = lane + p < parts ? lane + p : lane + p - parts;
            ref long claimWord = ref _claims[part * ClaimStride];
            while (true)
            {
                long claim = Volatile.Read(ref claimWord);
                int next = (int)(claim & 0xffffffff);
                if ((int)(claim >> 32) != generation || next >= perPart) break;
                if (Interlocked.CompareExchange(ref claimWord, claim + 1, claim) != claim) continue;
                int chunk = part * perPart + next;
                int begin = (int)((long)chunk * units / chunkCount), end = (int)((long)(chunk + 1) * units / chunkCount);
                try
                {
                    if (begin < end) kernel.Run(tensors, begin, end);
                }
                catch (Exception e)
                {
                    _failure = ExceptionDispatchInfo.Capture(e);
                }
                Interlocked.Increment(ref _completed);
            }
        }
    }

    private void HelperLoop(int lane)
    {
        int seen = 0;
        while (!_stopping)
        {
            int generation = Volatile.Read(ref _generation);
            if (generation != seen)
            {
                seen = generation;
                if (_laneJob) _lanes.RunAsHelper(lane, generation);
                else RunChunks(generation, lane);
                continue;
            }
            for (int spin = 0; spin < IdleSpinIterations && Volatile.Read(ref _generation) == seen; spin++)
                Thread.SpinWait(8);
            if (Volatile.Read(ref _generation) != seen) continue;
            Interlocked.Increment(ref _sleepingHelpers);
            if (Volatile.Read(ref _generation) == seen && !_stopping) _wake.Wait();
            Interlocked.Decrement(ref _sleepingHelpers);
        }
    }

    public void Dispose()
    {
        if (_stopping) return;
        _stopping = true;
        _wake.Release(_helpers.Length);
        foreach (Thread helper in _helpers) helper.Join();
        _wake.Dispose();
    }
}
