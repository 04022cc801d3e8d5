using RabbitMQ.Client;

namespace FaceMesh.Queue;

/// <summary>
/// The broker objects, declared identically by publishers and workers (declaring is idempotent):
/// a durable job queue whose rejected messages go to a durable dead-letter queue.
/// </summary>
public static class QueueTopology
{
    public const string Jobs = "facemesh.jobs";
    public const string DeadLetters = "facemesh.jobs.dead";
    /// <summary>Header counting the deterministic failures a job has had.</summary>
    public const string AttemptsHeader = "x-facemesh-attempts";
    /// <summary>Header on a dead-lettered job: the last error, one line.</summary>
    public const string ErrorHeader = "x-facemesh-error";

    public static async Task DeclareAsync(IChannel channel, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(channel);
        await channel.QueueDeclareAsync(DeadLetters, durable: true, exclusive: false, autoDelete: false, cancellationToken: cancellationToken).ConfigureAwait(false);
        var arguments = new Dictionary<string, object?>
        {
            ["x-dead-letter-exchange"] = "",
            ["x-dead-letter-routing-key"] = DeadLetters,
        };
        await channel.QueueDeclareAsync(Jobs, durable: true, exclusive: false, autoDelete: false, arguments, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Connects; an unreachable broker is an <see cref="IOException"/> naming the host (never the password).</summary>
    public static async Task<IConnection> ConnectAsync(string brokerUri, string clientName, CancellationToken cancellationToken)
    {
        var factory = new ConnectionFactory
        {
            Uri = new Uri(brokerUri),
            ClientProvidedName = clientName,
            // The worker reconnects itself (and redoes its consumers), which keeps in-flight state simple.
            AutomaticRecoveryEnabled = false,
            RequestedHeartbeat = TimeSpan.FromSeconds(15),
        };
        try
        {
            return await factory.CreateConnectionAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (RabbitMQ.Client.Exceptions.BrokerUnreachableException e)
        {
            throw new IOException($"Cannot reach the broker at {factory.HostName}:{factory.Port}: {(e.InnerException ?? e).Message.ReplaceLineEndings(" ")}", e);
        }
    }

    /// <summary>Publishes persistently and waits for the broker's confirm (the channel must have confirms on).</summary>
    public static async Task PublishAsync(IChannel channel, string queue, ReadOnlyMemory<byte> body, IDictionary<string, object?>? headers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channel);
        var properties = new BasicProperties { Persistent = true, ContentType = "application/json", Headers = headers };
        await channel.BasicPublishAsync("", queue, mandatory: true, properties, body, cancellationToken).ConfigureAwait(false);
    }

    public static CreateChannelOptions Confirmed { get; } = new(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true);
}
