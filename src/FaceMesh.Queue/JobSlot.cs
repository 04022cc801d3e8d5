using System.Text;
using FaceMesh.Batch;
using Npgsql;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace FaceMesh.Queue;

/// <summary>
/// Runs one job at a time with the batch pipeline (<see cref="InputProcessor"/>). Outcomes:
/// committed then acknowledged; failed deterministically, republished with one more attempt or,
/// after <see cref="WorkerSettings.MaxAttempts"/>, published to the dead-letter queue with the
/// error, then acknowledged; database unreachable, retried with backoff and never acknowledged
/// meanwhile; stopped, returned to the queue (nack, requeue).
/// </summary>
internal sealed class JobSlot(WorkerSettings settings, string name, ResultDatabase database, Action<string> log) : IDisposable
{
    private readonly SemaphoreSlim _busy = new(1, 1);
    private readonly Backoff _backoff = new(settings.MaxBackoff);
    private (string OptionsHash, InputProcessor Processor)? _processor;

    public async Task HandleAsync(IChannel channel, BasicDeliverEventArgs delivery, CancellationToken stop)
    {
        await _busy.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            if (stop.IsCancellationRequested) { await SettleAsync(() => channel.BasicNackAsync(delivery.DeliveryTag, false, requeue: true)).ConfigureAwait(false); return; }
            await RunAsync(channel, delivery, stop).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            log($"{name}: stopping; job returned to the queue");
            await SettleAsync(() => channel.BasicNackAsync(delivery.DeliveryTag, false, requeue: true)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The broker or database failed in a way not retried here (e.g. the connection dropped
            // while republishing): return the job; the result is idempotent whoever finishes it.
            log($"{name}: job returned to the queue after {e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")}");
            await SettleAsync(() => channel.BasicNackAsync(delivery.DeliveryTag, false, requeue: true)).ConfigureAwait(false);
        }
        finally
        {
            _busy.Release();
        }
    }

    /// <summary>Completes when no job is in progress.</summary>
    public async Task IdleAsync()
    {
        await _busy.WaitAsync().ConfigureAwait(false);
        _busy.Release();
    }

    private async Task RunAsync(IChannel channel, BasicDeliverEventArgs delivery, CancellationToken stop)
    {
        JobMessage job;
        try { job = JobMessage.Parse(delivery.Body.Span); }
        catch (FormatException e)
        {
            await DeadLetterAsync(channel, delivery, e.Message, int.MaxValue, stop).ConfigureAwait(false);
            return;
        }
        if (await UntilDatabaseAsync(() => database.IsDoneAsync(job, stop), _backoff, log, stop).ConfigureAwait(false))
        {
            log($"{name}: {job.Input}: already done (redelivered)");
            await SettleAsync(() => channel.BasicAckAsync(delivery.DeliveryTag, false)).ConfigureAwait(false);
            return;
        }
        await UntilDatabaseAsync(async () => { await database.MarkRunningAsync(job, name, stop).ConfigureAwait(false); return true; }, _backoff, log, stop).ConfigureAwait(false);

        List<FaceRecord> rows = [];
        long frames = 0;
        try
        {
            if (await JobMessage.HashFileAsync(job.Input, stop).ConfigureAwait(false) != job.ContentHash)
                throw new IOException($"The content of '{job.Input}' changed since it was submitted.");
            InputProcessor processor = ProcessorFor(job);
            await foreach (FrameRecords frame in processor.ProcessAsync(InputFile.FromPath(job.Input), stop).ConfigureAwait(false))
            {
                rows.AddRange(frame.Faces);
                frames++;
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !stop.IsCancellationRequested)
        {
            await FailedAsync(channel, delivery, job, e.Message.ReplaceLineEndings(" ").Trim(), stop).ConfigureAwait(false);
            return;
        }
        await UntilDatabaseAsync(async () => { await database.SaveAsync(job, name, rows, frames, stop).ConfigureAwait(false); return true; }, _backoff, log, stop).ConfigureAwait(false);
        await SettleAsync(() => channel.BasicAckAsync(delivery.DeliveryTag, false)).ConfigureAwait(false);
        log($"{name}: {job.Input}: {frames} frame(s), {rows.Count} face row(s) committed");
    }

    private InputProcessor ProcessorFor(JobMessage job)
    {
        if (_processor is { } current && current.OptionsHash == job.OptionsHash) return current.Processor;
        _processor?.Processor.Dispose();
        var processor = new InputProcessor(job.Options.ToBatchOptions(settings.Threads));
        _processor = (job.OptionsHash, processor);
        return processor;
    }

    private async Task FailedAsync(IChannel channel, BasicDeliverEventArgs delivery, JobMessage job, string error, CancellationToken stop)
    {
        int attempts = Attempts(delivery) + 1;
        if (attempts >= settings.MaxAttempts)
        {
            await UntilDatabaseAsync(async () => { await database.MarkFailedAsync(job, name, error, stop).ConfigureAwait(false); return true; }, _backoff, log, stop).ConfigureAwait(false);
            await DeadLetterAsync(channel, delivery, error, attempts, stop).ConfigureAwait(false);
            return;
        }
        log($"{name}: {job.Input}: attempt {attempts} of {settings.MaxAttempts} failed: {error}");
        var headers = new Dictionary<string, object?> { [QueueTopology.AttemptsHeader] = attempts, [QueueTopology.ErrorHeader] = error };
        // Published (and confirmed) before the original is acknowledged: a crash in between duplicates the job, never loses it.
        await QueueTopology.PublishAsync(channel, QueueTopology.Jobs, delivery.Body.ToArray(), headers, stop).ConfigureAwait(false);
        await SettleAsync(() => channel.BasicAckAsync(delivery.DeliveryTag, false)).ConfigureAwait(false);
    }

    private async Task DeadLetterAsync(IChannel channel, BasicDeliverEventArgs delivery, string error, int attempts, CancellationToken stop)
    {
        log($"{name}: dead-lettered after {(attempts == int.MaxValue ? "a malformed message" : $"{attempts} attempts")}: {error}");
        var headers = new Dictionary<string, object?> { [QueueTopology.ErrorHeader] = error, [QueueTopology.AttemptsHeader] = attempts == int.MaxValue ? 1 : attempts };
        await QueueTopology.PublishAsync(channel, QueueTopology.DeadLetters, delivery.Body.ToArray(), headers, stop).ConfigureAwait(false);
        await SettleAsync(() => channel.BasicAckAsync(delivery.DeliveryTag, false)).ConfigureAwait(false);
    }

    private static int Attempts(BasicDeliverEventArgs delivery) =>
        delivery.BasicProperties.Headers?.TryGetValue(QueueTopology.AttemptsHeader, out object? value) == true
            ? value switch { int i => i, long l => (int)l, byte[] b when int.TryParse(Encoding.UTF8.GetString(b), out int p) => p, _ => 0 }
            : 0;

    /// <summary>An ack or nack on a channel that died is moot: the broker redelivers the job, and its result is idempotent.</summary>
    private async Task SettleAsync(Func<ValueTask> settle)
    {
        try { await settle().ConfigureAwait(false); }
        catch (Exception e) when (e is RabbitMQ.Client.Exceptions.AlreadyClosedException or RabbitMQ.Client.Exceptions.OperationInterruptedException or ObjectDisposedException)
        {
            log($"{name}: channel closed before the acknowledgement; the broker will redeliver");
        }
    }

    /// <summary>Runs a database step until it succeeds, backing off while the database is unreachable.</summary>
    internal static async Task<T> UntilDatabaseAsync<T>(Func<Task<T>> step, Backoff backoff, Action<string> log, CancellationToken stop)
    {
        while (true)
        {
            try
            {
                T result = await step().ConfigureAwait(false);
                backoff.Reset();
                return result;
            }
            catch (Exception e) when (e is NpgsqlException { IsTransient: true } or TimeoutException && !stop.IsCancellationRequested)
            {
                log($"database unavailable ({e.Message.ReplaceLineEndings(" ")}); retrying");
                await backoff.WaitAsync(stop).ConfigureAwait(false);
            }
        }
    }

    internal static Task UntilDatabaseAsync(Func<Task> step, Backoff backoff, Action<string> log, CancellationToken stop) =>
        UntilDatabaseAsync(async () => { await step().ConfigureAwait(false); return true; }, backoff, log, stop);

    public void Dispose()
    {
        _processor?.Processor.Dispose();
        _busy.Dispose();
    }
}
