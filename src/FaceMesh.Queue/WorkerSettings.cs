namespace FaceMesh.Queue;

/// <summary>How a worker runs: its connections, how many jobs at once, and its patience.</summary>
public sealed record WorkerSettings
{
    public required string Broker { get; init; }
    public required string Database { get; init; }
    /// <summary>Jobs processed at once; each has its own channel with a prefetch of one.</summary>
    public int Concurrency { get; init; } = 1;
    /// <summary>Inference threads per job.</summary>
    public int Threads { get; init; } = 1;
    /// <summary>Deterministic failures before a job is dead-lettered.</summary>
    public int MaxAttempts { get; init; } = 3;
    /// <summary>Longest wait between retries of an unreachable broker or database.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(10);
    /// <summary>Identifies the worker in the results (default host:pid).</summary>
    public string Name { get; init; } = $"{Environment.MachineName}:{Environment.ProcessId}";
}
