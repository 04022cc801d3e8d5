using System.CommandLine;
using FaceMesh.Queue;

namespace FaceMesh.Cli.Commands;

/// <summary>
/// <c>facemesh worker --broker ... --db ...</c>: processes queued jobs until SIGTERM/Ctrl-C, then
/// returns its current job to the queue and exits 0.
/// </summary>
internal static class WorkerCommand
{
    public static Command Create()
    {
        var connections = new QueueConnections();
        var concurrency = new Option<int>("--concurrency") { Description = "Jobs processed at once", DefaultValueFactory = _ => 1 };
        var threads = new Option<int>("--threads") { Description = "Inference threads per job", DefaultValueFactory = _ => 1 };
        var attempts = new Option<int>("--max-attempts") { Description = "Failures of a job before it goes to the dead-letter queue", DefaultValueFactory = _ => 3 };
        var command = new Command("worker", "Process jobs from RabbitMQ into PostgreSQL (creates the schema); stop with SIGTERM")
        {
            connections.Broker, connections.Database, concurrency, threads, attempts,
        };
        command.SetAction(async (parse, cancellation) =>
        {
            var settings = new WorkerSettings
            {
                Broker = connections.BrokerUri(parse),
                Database = connections.DatabaseConnection(parse),
                Concurrency = parse.GetValue(concurrency),
                Threads = parse.GetValue(threads),
                MaxAttempts = parse.GetValue(attempts),
            };
            if (settings.Concurrency < 1) throw new ArgumentException($"--concurrency must be at least 1, got {settings.Concurrency}.");
            if (settings.MaxAttempts < 1) throw new ArgumentException($"--max-attempts must be at least 1, got {settings.MaxAttempts}.");
            _ = new Uri(settings.Broker);
            await using ResultDatabase database = ResultDatabase.Open(settings.Database);
            var worker = new QueueWorker(settings, database, line => Console.Error.WriteLine($"worker {settings.Name}: {line}"));
            await worker.RunAsync(cancellation).ConfigureAwait(false);
            return 0;
        });
        return command;
    }
}
