using RabbitMQ.Client;

namespace FaceMesh.Queue;

/// <summary>
/// A snapshot of the work: from the broker, jobs waiting, consumers attached and dead-lettered jobs;
/// from the database (optional), jobs running, done and failed.
/// </summary>
public sealed record QueueStatus(long Queued, long Consumers, long DeadLettered, long? Running, long? Done, long? Failed)
{
    public static async Task<QueueStatus> ReadAsync(string broker, ResultDatabase? database, CancellationToken cancellationToken = default)
    {
        IConnection connection = await QueueTopology.Factory(broker, "facemesh-status").CreateConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            IChannel channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            await using (channel.ConfigureAwait(false))
            {
                await QueueTopology.DeclareAsync(channel, cancellationToken).ConfigureAwait(false);
                QueueDeclareOk jobs = await channel.QueueDeclarePassiveAsync(QueueTopology.Jobs, cancellationToken).ConfigureAwait(false);
                QueueDeclareOk dead = await channel.QueueDeclarePassiveAsync(QueueTopology.DeadLetters, cancellationToken).ConfigureAwait(false);
                if (database is null) return new QueueStatus(jobs.MessageCount, jobs.ConsumerCount, dead.MessageCount, null, null, null);
                IReadOnlyDictionary<string, long> counts = await database.CountsAsync(cancellationToken).ConfigureAwait(false);
                return new QueueStatus(jobs.MessageCount, jobs.ConsumerCount, dead.MessageCount,
                    counts.GetValueOrDefault("running"), counts.GetValueOrDefault("done"), counts.GetValueOrDefault("failed"));
            }
        }
    }
}
