using System.Threading.Channels;

namespace FaceMesh.Batch;

/// <summary>Live counts of a corpus run.</summary>
public sealed record CorpusProgress(int FilesTotal, int FilesDone, int FilesSkipped, int FilesFailed, long Frames);

/// <summary>
/// Runs a corpus on several workers, each with its own <see cref="InputProcessor"/> (its own
/// landmarker and, for a video, its own ffmpeg), taking inputs in order from a shared queue.
/// Results go to a <see cref="ResultStore"/>; inputs whose results are complete are skipped.
/// </summary>
public sealed class CorpusRunner(BatchOptions options, ResultStore store)
{
    public int Workers { get; init; } = Environment.ProcessorCount;

    /// <param name="progress">
    /// Called from the workers' threads after every frame and every file, one call at a time, so its
    /// counts never go backwards and the last call has the final counts. Keep it quick: workers wait for it.
    /// </param>
    public async Task<IReadOnlyList<InputOutcome>> RunAsync(IReadOnlyList<InputFile> inputs, Action<CorpusProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentOutOfRangeException.ThrowIfLessThan(Workers, 1);
        var queue = Channel.CreateUnbounded<int>();
        for (int i = 0; i < inputs.Count; i++) queue.Writer.TryWrite(i);
        queue.Writer.Complete();
        var outcomes = new InputOutcome[inputs.Count];
        var counts = new Counters(inputs.Count, progress);

        Task[] workers = Enumerable.Range(0, Math.Min(Workers, Math.Max(inputs.Count, 1))).Select(_ => Task.Run(async () =>
        {
            using var processor = new InputProcessor(options);
            await foreach (int index in queue.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                InputOutcome outcome = await InputJob.RunAsync(processor, store, inputs[index], counts.FrameDone, cancellationToken)
                    .ConfigureAwait(false);
                outcomes[index] = outcome;
                counts.FileDone(outcome.Status);
            }
        }, cancellationToken)).ToArray();
        await Task.WhenAll(workers).ConfigureAwait(false);
        return outcomes;
    }

    /// <summary>
    /// Counts and reports under one lock: a snapshot taken outside it could reach the caller after a
    /// newer one from another worker, and a progress bar would end on a stale count.
    /// </summary>
    private sealed class Counters(int total, Action<CorpusProgress>? progress)
    {
        private readonly Lock _gate = new();
        private int _done, _skipped, _failed;
        private long _frames;

        public void FrameDone()
        {
            lock (_gate)
            {
                _frames++;
                Report();
            }
        }

        public void FileDone(InputStatus status)
        {
            lock (_gate)
            {
                if (status == InputStatus.Skipped) _skipped++;
                if (status == InputStatus.Failed) _failed++;
                _done++;
                Report();
            }
        }

        private void Report() => progress?.Invoke(new CorpusProgress(total, _done, _skipped, _failed, _frames));
    }
}
