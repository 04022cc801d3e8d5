namespace FaceMesh.Queue;

/// <summary>Doubling delays from 0.5 s up to a ceiling, for reconnecting to the broker or database.</summary>
internal sealed class Backoff(TimeSpan max)
{
    private TimeSpan _next = TimeSpan.FromMilliseconds(500);

    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        TimeSpan delay = _next;
        _next = TimeSpan.FromTicks(Math.Min(max.Ticks, _next.Ticks * 2));
        await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
    }

    public void Reset() => _next = TimeSpan.FromMilliseconds(500);
}
