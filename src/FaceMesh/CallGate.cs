namespace FaceMesh;

/// <summary>
/// Makes <c>Dispose</c> safe against a call running on another thread: disposal waits for calls
/// already inside to leave, and calls after it throw <see cref="ObjectDisposedException"/>,
/// instead of native model buffers being freed under a running inference (an access violation,
/// which no catch can stop). Two interlocked operations per call, no allocation.
/// </summary>
internal sealed class CallGate
{
    // Added once by Dispose: the count stays negative however many late callers step in and out.
    private const int Closed = int.MinValue / 2;
    private int _state; // >= 0: calls inside; < 0: closed

    /// <exception cref="ObjectDisposedException">The gate is closed.</exception>
    public void Enter(object owner)
    {
        if (Interlocked.Increment(ref _state) > 0) return;
        Interlocked.Decrement(ref _state);
        throw new ObjectDisposedException(owner.GetType().FullName);
    }

    public void Exit() => Interlocked.Decrement(ref _state);

    /// <summary>Whether <see cref="Close"/> has begun; for members that touch no native buffers.</summary>
    public bool IsClosed => Volatile.Read(ref _state) < 0;

    /// <summary>
    /// Closes the gate and waits until no call is inside. Returns true to the one caller that
    /// closed it, who then releases the resources; false if it was already closed.
    /// </summary>
    public bool Close()
    {
        int state = Volatile.Read(ref _state);
        while (true)
        {
            if (state < 0) return false;
            int seen = Interlocked.CompareExchange(ref _state, state + Closed, state);
            if (seen == state) break;
            state = seen;
        }
        var wait = new SpinWait();
        while (Volatile.Read(ref _state) > Closed) wait.SpinOnce(sleep1Threshold: 20);
        return true;
    }
}
