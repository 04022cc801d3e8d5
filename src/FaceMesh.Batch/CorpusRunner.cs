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

    /// <param name="progress">Called from the workers' threads after every frame and every file.</param>
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

    private sealed class Counters(int total, Action<CorpusProgress>? progress)
    {
        private int _done, _skipped, _failed;
        private long _frames;

        public void FrameDone()
        {
            Interlocked.Increment(ref _frames);
            Report();
        }

        public void FileDone(InputStatus status)
        {
            if (status == InputStatus.Skipped) Interlocked.Increment(ref _skipped);
            if (status == InputStatus.Failed) Interlocked.Increment(ref _failed);
            Interlocked.Increment(ref _done);
            Report();
        }

        private void Report() => progress?.Invoke(new CorpusProgress(total, Volatile.Read(ref _done), Volatile.Read(ref _skipped),
            Volatile.Read(ref _failed), Interlocked.Read(ref _frames)));
    }
}
