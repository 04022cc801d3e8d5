namespace FaceMesh.Web;

/// <summary>
/// Counts the face pipelines in use and refuses more than the limit at once instead of queueing:
/// a client told "busy" can retry, a queued one would only see its latency grow. Also keeps the
/// frame counters /api/health reports.
/// </summary>
internal sealed class PipelinePool
{
    private readonly int _max;
    private int _active;
    private long _framesReceived;
    private long _framesWithFace;

    public PipelinePool(int max) => _max = max;

    public int Max => _max;
    public int Active => Volatile.Read(ref _active);
    public long FramesReceived => Interlocked.Read(ref _framesReceived);
    public long FramesWithFace => Interlocked.Read(ref _framesWithFace);

    /// <returns>A lease to dispose when the pipeline is released, or null when all are in use.</returns>
    public Lease? TryAcquire()
    {
        while (true)
        {
            int active = Volatile.Read(ref _active);
            if (active >= _max) return null;
            if (Interlocked.CompareExchange(ref _active, active + 1, active) == active) return new Lease(this);
        }
    }

    public void CountFrame(bool withFace)
    {
        Interlocked.Increment(ref _framesReceived);
        if (withFace) Interlocked.Increment(ref _framesWithFace);
    }

    public string BusyMessage => $"all {_max} face pipelines of this server are in use; try again later";

    internal sealed class Lease(PipelinePool pool) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) Interlocked.Decrement(ref pool._active);
        }
    }
}
