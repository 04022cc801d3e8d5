namespace FaceMesh.Batch;

/// <summary>
/// One input, start to finish: skip it if its results are complete, else process it into the
/// store, or record why it failed. The unit of work a corpus runner or a queue worker calls.
/// Cancellation propagates (nothing half-written stays visible); every other failure is an outcome.
/// </summary>
public static class InputJob
{
    /// <param name="frameDone">Called after each frame (from the calling thread), e.g. for progress.</param>
    public static async Task<InputOutcome> RunAsync(InputProcessor processor, ResultStore store, InputFile input,
        Action? frameDone = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(processor);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(input);
        string options = processor.OptionsDescription;
        if (store.IsComplete(input, options)) return new InputOutcome(input, InputStatus.Skipped, 0, 0, null);
        long frames = 0;
        try
        {
            await using ResultWriter writer = store.Begin(input, options);
            await foreach (FrameRecords frame in processor.ProcessAsync(input, cancellationToken).ConfigureAwait(false))
            {
                await writer.AddAsync(frame, cancellationToken).ConfigureAwait(false);
                frames++;
                frameDone?.Invoke();
            }
            await writer.CommitAsync(cancellationToken).ConfigureAwait(false);
            return new InputOutcome(input, InputStatus.Processed, frames, writer.Rows, null);
        }
        catch (Exception e) when (!(e is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            string error = e.Message.ReplaceLineEndings(" ").Trim();
            store.RecordFailure(input, options, error);
            return new InputOutcome(input, InputStatus.Failed, frames, 0, error);
        }
    }
}
