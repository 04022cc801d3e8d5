using RabbitMQ.Client;

namespace FaceMesh.Queue;

/// <summary>Submits jobs: one persistent message each, confirmed by the broker before the next.</summary>
public sealed class JobPublisher : IAsyncDisposable
{
    private readonly IConnection _connection;
    private readonly IChannel _channel;

    private JobPublisher(IConnection connection, IChannel channel) => (_connection, _channel) = (connection, channel);

    public static async Task<JobPublisher> ConnectAsync(string brokerUri, CancellationToken cancellationToken = default)
    {
        IConnection connection = await QueueTopology.ConnectAsync(brokerUri, "facemesh-submit", cancellationToken).ConfigureAwait(false);
        IChannel channel = await connection.CreateChannelAsync(QueueTopology.Confirmed, cancellationToken).ConfigureAwait(false);
        await QueueTopology.DeclareAsync(channel, cancellationToken).ConfigureAwait(false);
        return new JobPublisher(connection, channel);
    }

    public Task PublishAsync(JobMessage job, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        return QueueTopology.PublishAsync(_channel, QueueTopology.Jobs, job.ToBytes(), null, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _channel.DisposeAsync().ConfigureAwait(false);
        await _connection.DisposeAsync().ConfigureAwait(false);
    }
}
