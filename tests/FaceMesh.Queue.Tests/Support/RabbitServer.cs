using RabbitMQ.Client;

namespace FaceMesh.Queue.Tests.Support;

/// <summary>
/// A throwaway RabbitMQ node: its own epmd, node name, ports (AMQP and distribution) on 127.0.0.1,
/// data, logs, config and Erlang cookie in a temporary folder, no plugins. Restartable with its data.
/// </summary>
internal sealed class RabbitServer : IDisposable
{
    public const string ServerScript = "/usr/lib/rabbitmq/bin/rabbitmq-server";
    private readonly string _directory;
    private readonly Dictionary<string, string> _environment;
    private readonly ChildProcess _epmd;
    private ChildProcess? _server;

    public string Uri { get; }

    public static bool Installed => File.Exists(ServerScript);

    public RabbitServer()
    {
        _directory = Directory.CreateTempSubdirectory("facemesh-rabbit-").FullName;
        int port = FreePort.Next(), distribution = FreePort.Next(), epmd = FreePort.Next();
        File.WriteAllText(Path.Combine(_directory, "rabbitmq.conf"), "disk_free_limit.absolute = 1MB\nvm_memory_high_watermark.relative = 0.9\n");
        File.WriteAllText(Path.Combine(_directory, "enabled_plugins"), "[].\n");
        _environment = new()
        {
            ["HOME"] = _directory,
            ["RABBITMQ_NODENAME"] = $"test-{Guid.NewGuid():N}@localhost",
            ["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1",
            ["RABBITMQ_NODE_PORT"] = $"{port}",
            ["RABBITMQ_DIST_PORT"] = $"{distribution}",
            ["RABBITMQ_MNESIA_BASE"] = Path.Combine(_directory, "mnesia"),
            ["RABBITMQ_LOG_BASE"] = Path.Combine(_directory, "log"),
            ["RABBITMQ_CONFIG_FILE"] = Path.Combine(_directory, "rabbitmq.conf"),
            ["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(_directory, "enabled_plugins"),
            ["RABBITMQ_PID_FILE"] = Path.Combine(_directory, "rabbit.pid"),
            ["ERL_EPMD_ADDRESS"] = "127.0.0.1",
            ["ERL_EPMD_PORT"] = $"{epmd}",
        };
        _epmd = ChildProcess.Start("epmd", ["-port", $"{epmd}", "-address", "127.0.0.1"], _environment);
        Uri = $"amqp://guest:guest@127.0.0.1:{port}/";
        Start();
    }

    public void Start()
    {
        _server = ChildProcess.Start(ServerScript, [], _environment);
        DateTime deadline = DateTime.UtcNow.AddSeconds(120);
        var factory = new ConnectionFactory { Uri = new Uri(Uri) };
        while (true)
        {
            try
            {
                using IConnection connection = factory.CreateConnectionAsync().GetAwaiter().GetResult();
                return;
            }
            catch (Exception e) when (e is RabbitMQ.Client.Exceptions.BrokerUnreachableException or IOException)
            {
                if (DateTime.UtcNow > deadline || _server.HasExited)
                    throw new InvalidOperationException($"RabbitMQ did not start: {e.Message}\n{_server.Tail()}", e);
                Thread.Sleep(500);
            }
        }
    }

    /// <summary>Stops the node gracefully (SIGTERM), keeping its durable queues and persistent messages.</summary>
    public void Stop()
    {
        if (_server is null) return;
        _server.Signal(ChildProcess.SigTerm);
        if (!_server.WaitForExit(TimeSpan.FromSeconds(60))) _server.Signal(ChildProcess.SigKill);
        _server.Dispose();
        _server = null;
    }

    public string Tail(int lines = 30) => _server?.Tail(lines) ?? "(stopped)";

    public void Dispose()
    {
        Stop();
        _epmd.Dispose();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
