namespace FaceMesh.Web;

/// <summary>How <see cref="FaceMeshServer"/> listens and the limits it enforces on every client.</summary>
public sealed record FaceMeshServerOptions
{
    /// <summary>Addresses to listen on; port 0 picks a free port (read the bound one from <see cref="FaceMeshServer.Addresses"/>).</summary>
    public IReadOnlyList<string> Urls { get; init; } = ["http://127.0.0.1:5080"];

    /// <summary>Face pipelines that may run at once (live connections plus /api/detect requests); more are refused.</summary>
    public int MaxPipelines { get; init; } = Environment.ProcessorCount;

    /// <summary>Largest accepted /api/detect request body; beyond it the answer is 413.</summary>
    public long MaxUploadBytes { get; init; } = 16 * 1024 * 1024;

    /// <summary>Longest side of a frame a live connection may send (the page sends at most 640).</summary>
    public int MaxFrameSide { get; init; } = 1280;

    /// <summary>
    /// A live connection must complete its next message within this time, or it is closed and its
    /// pipeline freed: a stalled or trickling client cannot hold a pipeline.
    /// </summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public void Validate()
    {
        if (Urls.Count == 0) throw new ArgumentException("At least one URL to listen on is needed.", nameof(Urls));
        if (MaxPipelines < 1) throw new ArgumentOutOfRangeException(nameof(MaxPipelines), MaxPipelines, "At least one pipeline is needed.");
        if (MaxUploadBytes < 1) throw new ArgumentOutOfRangeException(nameof(MaxUploadBytes), MaxUploadBytes, "The upload limit must be positive.");
        if (MaxFrameSide is < 16 or > 4096) throw new ArgumentOutOfRangeException(nameof(MaxFrameSide), MaxFrameSide, "The frame side limit must be between 16 and 4096.");
        if (IdleTimeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(IdleTimeout), IdleTimeout, "The idle timeout must be positive.");
    }
}
