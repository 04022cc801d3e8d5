using Npgsql;

namespace FaceMesh.Queue.Tests.Support;

/// <summary>
/// A throwaway PostgreSQL cluster: initdb in a temporary folder, listening on 127.0.0.1 at a free
/// port with its socket in that folder, run as the postgres user when the tests run as root.
/// </summary>
internal sealed class PostgresServer : IDisposable
{
    private readonly string _directory;
    private readonly string _bin;
    private readonly string _data;
    private readonly int _port;
    private readonly bool _root;
    private ChildProcess? _server;

    public static string? BinDirectory { get; } = FindBin();

    public string ConnectionString { get; }

    public PostgresServer()
    {
        _bin = BinDirectory ?? throw new InvalidOperationException("PostgreSQL (initdb) is not installed: run scripts/install-deps.sh as root");
        _directory = Directory.CreateTempSubdirectory("facemesh-pg-").FullName;
        _data = Path.Combine(_directory, "data");
        _root = Environment.UserName == "root";
        if (_root) Run("chown", ["postgres:postgres", _directory]);
        RunAs(_root, Path.Combine(_bin, "initdb"), ["-D", _data, "-A", "trust", "-U", "facemesh", "--no-sync", "-E", "UTF8"]);
        _port = FreePort.Next();
        ConnectionString = $"Host=127.0.0.1;Port={_port};Username=facemesh;Database=postgres;Timeout=5";
        Start();
    }

    public void Start()
    {
        _server = Start(_root, Path.Combine(_bin, "postgres"), ["-D", _data, "-c", "listen_addresses=127.0.0.1", "-p", $"{_port}", "-k", _directory, "-c", "fsync=off"]);
        DateTime deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            try
            {
                using var connection = new NpgsqlConnection(ConnectionString);
                connection.Open();
                return;
            }
            catch (NpgsqlException) when (DateTime.UtcNow < deadline && !_server!.HasExited)
            {
                Thread.Sleep(250);
            }
            catch (NpgsqlException e)
            {
                throw new InvalidOperationException($"PostgreSQL did not start: {e.Message}\n{_server!.Tail()}", e);
            }
        }
    }

    private static ChildProcess Start(bool root, string program, string[] arguments) =>
        root ? ChildProcess.Start("runuser", ["-u", "postgres", "--", program, .. arguments]) : ChildProcess.Start(program, arguments);

    private static void RunAs(bool root, string program, string[] arguments)
    {
        if (root) Run("runuser", ["-u", "postgres", "--", program, .. arguments]);
        else Run(program, arguments);
    }

    private static void Run(string program, string[] arguments)
    {
        using ChildProcess run = ChildProcess.Start(program, arguments);
        if (!run.WaitForExit(TimeSpan.FromMinutes(2)) || run.ExitCode != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed:\n{run.Tail()}");
    }

    private static string? FindBin()
    {
        if (Directory.Exists("/usr/lib/postgresql"))
            foreach (string version in Directory.GetDirectories("/usr/lib/postgresql").OrderDescending())
                if (File.Exists(Path.Combine(version, "bin", "initdb"))) return Path.Combine(version, "bin");
        return (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').FirstOrDefault(d => d.Length > 0 && File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "postgres")));
    }

    /// <summary>Stops the server (fast shutdown: SIGINT), keeping its data.</summary>
    public void Stop()
    {
        if (_server is null) return;
        _server.Signal(2);
        if (!_server.WaitForExit(TimeSpan.FromSeconds(20))) _server.Signal(ChildProcess.SigKill);
        _server.Dispose();
        _server = null;
    }

    public void Dispose()
    {
        Stop();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
