using System.Runtime.ExceptionServices;
using FaceMesh.Runtime.Kernels;

namespace FaceMesh.Runtime.Graph;

/// <summary>
/// Persistent helper threads that run one kernel at a time together with the caller's thread.
/// The kernel's work units are cut into a few contiguous chunks handed out through an atomic
/// counter, so a slow or descheduled thread does not hold everyone up. Nothing is allocated per
/// kernel run: the job is published through fields and a generation counter. Helpers spin
/// briefly after a job (kernels follow each other within microseconds) and then sleep on a
/// semaphore so an idle interpreter costs no CPU.
/// </summary>
internal sealed class WorkerPool : IDisposable
{
    private const int ChunksPerThread = 4;
    private const int IdleSpinIterations = 20_000;

    private readonly Thread[] _helpers;
    private readonly SemaphoreSlim _wake = new(0);
    private Kernel? _kernel;
    private TensorMap _tensors;
    private int _units;
    private int _chunkSize;
    private int _chunkCount;
    private int _nextChunk;
    private int _pendingHelpers;
    private int _generation;
    private int _sleepingHelpers;
    private volatile bool _stopping;
    private ExceptionDispatchInfo? _failure;

    public WorkerPool(int threadCount)
    {
        ThreadCount = Math.Max(1, threadCount);
        _helpers = new Thread[ThreadCount - 1];
        for (int i = 0; i < _helpers.Length; i++)
        {
            _helpers[i] = new Thread(HelperLoop) { IsBackground = true, Name = $"FaceMesh.Runtime worker {i + 1}" };
            _helpers[i].Start();
        }
    }

    public int ThreadCount { get; }

    public void Run(Kernel kernel, in TensorMap tensors)
    {
        int units = kernel.WorkUnits;
        if (_helpers.Length == 0 || units < 2)
        {
            kernel.RunAll(tensors);
            return;
        }

        int chunks = Math.Min(units, ThreadCount * ChunksPerThread);
        _kernel = kernel;
        _tensors = tensors;
        _units = units;
        _chunkSize = (units + chunks - 1) / chunks;
        _chunkCount = (units + _chunkSize - 1) / _chunkSize;
        _nextChunk = 0;
        _pendingHelpers = _helpers.Length;
        Interlocked.Increment(ref _generation);
        // Only sleeping helpers need a token; releasing for spinning ones would pile up counts.
        int sleeping = Volatile.Read(ref _sleepingHelpers);
        if (sleeping > 0) _wake.Release(sleeping);

        RunChunks();

        var spinner = new SpinWait();
        while (Volatile.Read(ref _pendingHelpers) != 0) spinner.SpinOnce(sleep1Threshold: -1);
        _kernel = null;
        if (_failure is { } failure)
        {
            _failure = null;
            failure.Throw();
        }
    }

    private void RunChunks()
    {
        Kernel kernel = _kernel!;
        int chunk;
        while ((chunk = Interlocked.Increment(ref _nextChunk) - 1) < _chunkCount)
        {
            int begin = chunk * _chunkSize;
            kernel.Run(_tensors, begin, Math.Min(_units, begin + _chunkSize));
        }
    }

    private void HelperLoop()
    {
        int seen = 0;
        while (true)
        {
            int generation = Volatile.Read(ref _generation);
            if (generation == seen)
            {
                for (int spin = 0; spin < IdleSpinIterations && Volatile.Read(ref _generation) == seen; spin++)
                    Thread.SpinWait(8);
                if (Volatile.Read(ref _generation) == seen)
                {
                    Interlocked.Increment(ref _sleepingHelpers);
                    if (Volatile.Read(ref _generation) == seen) _wake.Wait();
                    Interlocked.Decrement(ref _sleepingHelpers);
                }
                continue;
            }
            seen = generation;
            if (_stopping) return;
            try
            {
                RunChunks();
            }
            catch (Exception e)
            {
                _failure = ExceptionDispatchInfo.Capture(e);
            }
            Interlocked.Decrement(ref _pendingHelpers);
        }
    }

    public void Dispose()
    {
        if (_stopping) return;
        _stopping = true;
        Interlocked.Increment(ref _generation);
        _wake.Release(_helpers.Length);
        foreach (Thread helper in _helpers) helper.Join();
        _wake.Dispose();
    }
}
