namespace FaceMesh.Batch;

/// <summary>What became of one input.</summary>
/// <param name="Input">The input.</param>
/// <param name="Status">Processed, skipped (results already complete) or failed.</param>
/// <param name="Frames">Frames processed (images count one).</param>
/// <param name="Faces">Result rows written.</param>
/// <param name="Error">Why it failed, one line; null otherwise.</param>
public sealed record InputOutcome(InputFile Input, InputStatus Status, long Frames, long Faces, string? Error);

public enum InputStatus
{
    Processed,
    Skipped,
    Failed,
}
