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
        IConnection connection = await QueueTopology.ConnectAsync(broker, "facemesh-status", cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            IChannel channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            await using (channel.ConfigureAwait(false))
            {
                await QueueTopology.DeclareAsync(channel, cancellationToken).ConfigureAwait(false);
                QueueDeclareOk jobs = await channel.QueueDeclarePassiveAsync(QueueTopology.Jobs, cancellationToken).ConfigureAwait(false);
                QueueDeclareOk dead = await channel.QueueDeclarePassiveAsync(QueueTopology.DeadLetters, cancellationToken).ConfigureAwait(false);
                if (database is null) return new QueueStatus(jobs.MessageCount, jobs.ConsumerCount, dead.MessageCount, null, null, null);
                IReadOnlyDictionary<string, long> counts;
                try { counts = await database.CountsAsync(cancellationToken).ConfigureAwait(false); }
                catch (Npgsql.PostgresException e) when (e.SqlState == Npgsql.PostgresErrorCodes.UndefinedTable) { counts = new Dictionary<string, long>(); }
                catch (Npgsql.NpgsqlException e) { throw new IOException($"Cannot read the database: {e.Message.ReplaceLineEndings(" ")}", e); }
                return new QueueStatus(jobs.MessageCount, jobs.ConsumerCount, dead.MessageCount,
                    counts.GetValueOrDefault("running"), counts.GetValueOrDefault("done"), counts.GetValueOrDefault("failed"));
            }
        }
    }
}
