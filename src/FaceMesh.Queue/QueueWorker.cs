using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace FaceMesh.Queue;

/// <summary>
/// Consumes jobs until stopped: connects (again after the broker goes away), opens one channel per
/// concurrent job with a prefetch of one and manual acknowledgements, and hands each delivery to a
/// <see cref="JobSlot"/>, which acknowledges only after the results are committed. Stopping (SIGTERM)
/// cancels the consumers, lets each slot return its job to the queue, and closes the connection.
/// </summary>
public sealed class QueueWorker(WorkerSettings settings, ResultDatabase database, Action<string> log)
{
    public async Task RunAsync(CancellationToken stop)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.Concurrency, 1);
        var backoff = new Backoff(settings.MaxBackoff);
        await JobSlot.UntilDatabaseAsync(() => database.MigrateAsync(stop), backoff, log, stop).ConfigureAwait(false);
        var slots = Enumerable.Range(0, settings.Concurrency).Select(i => new JobSlot(settings, $"{settings.Name}/{i}", database, log)).ToArray();
        try
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    await ConsumeUntilLostAsync(slots, stop).ConfigureAwait(false);
                    backoff.Reset();
                }
                catch (Exception e) when (e is not OperationCanceledException || !stop.IsCancellationRequested)
                {
                    log($"broker unavailable ({e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")}); retrying");
                    try { await backoff.WaitAsync(stop).ConfigureAwait(false); }
                    catch (OperationCanceledException) { break; }
                }
            }
        }
        finally
        {
            foreach (JobSlot slot in slots) slot.Dispose();
        }
        log("stopped");
    }

    private async Task ConsumeUntilLostAsync(JobSlot[] slots, CancellationToken stop)
    {
        IConnection connection = await QueueTopology.ConnectAsync(settings.Broker, $"facemesh-worker {settings.Name}", stop).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var lost = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            connection.ConnectionShutdownAsync += (_, _) => { lost.TrySetResult(); return Task.CompletedTask; };
            var consumers = new List<(IChannel Channel, string Tag)>();
            foreach (JobSlot slot in slots)
            {
                IChannel channel = await connection.CreateChannelAsync(QueueTopology.Confirmed, stop).ConfigureAwait(false);
                await QueueTopology.DeclareAsync(channel, stop).ConfigureAwait(false);
                await channel.BasicQosAsync(0, 1, false, stop).ConfigureAwait(false);
                var consumer = new AsyncEventingBasicConsumer(channel);
                consumer.ReceivedAsync += (_, delivery) => slot.HandleAsync(channel, delivery, stop);
                consumers.Add((channel, await channel.BasicConsumeAsync(QueueTopology.Jobs, autoAck: false, consumer, stop).ConfigureAwait(false)));
            }
            log($"consuming {QueueTopology.Jobs} with {slots.Length} slot(s)");
            await Task.WhenAny(lost.Task, Task.Delay(Timeout.Infinite, stop)).ConfigureAwait(false);
            if (lost.Task.IsCompleted)
            {
                log("broker connection lost; reconnecting");
                return;
            }
            foreach ((IChannel channel, string tag) in consumers)
            {
                try { await channel.BasicCancelAsync(tag, noWait: false, CancellationToken.None).ConfigureAwait(false); }
                catch (Exception e) when (e is RabbitMQ.Client.Exceptions.OperationInterruptedException or RabbitMQ.Client.Exceptions.AlreadyClosedException) { }
            }
            foreach (JobSlot slot in slots) await slot.IdleAsync().ConfigureAwait(false);
            foreach ((IChannel channel, _) in consumers) await channel.DisposeAsync().ConfigureAwait(false);
            await connection.CloseAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }
}
