using System.CommandLine;
using FaceMesh.Batch;
using FaceMesh.Queue;

namespace FaceMesh.Cli.Commands;

/// <summary>
/// <c>facemesh queue submit INPUTS...</c> publishes one job per input file to RabbitMQ;
/// <c>facemesh queue status</c> shows queued / in progress / done / failed.
/// </summary>
internal static class QueueCommand
{
    public static Command Create() => new("queue", "Distribute work over many machines: jobs on RabbitMQ, results in PostgreSQL (see `facemesh worker`)")
    {
        Submit(),
        Status(),
    };

    private static Command Submit()
    {
        var inputs = new Argument<string[]>("inputs")
        {
            Description = "Files, folders (searched recursively) and @list.txt files; paths every worker can read (e.g. a shared mount)",
            Arity = ArgumentArity.OneOrMore,
        };
        var noSmoothing = new Option<bool>("--no-smoothing") { Description = "Raw landmarks in videos instead of one-euro smoothed ones" };
        var connections = new QueueConnections();
        var common = new CommonOptions();
        var command = new Command("submit", "Publish one durable job per input file (content hash and options included)") { inputs, noSmoothing, connections.Broker };
        common.AddTo(command);
        command.SetAction(async (parse, cancellation) =>
        {
            FaceLandmarkerOptions landmarker = common.ToOptions(parse, RunningMode.Video, smoothing: !parse.GetValue(noSmoothing));
            var settings = new JobSettings
            {
                Refine = landmarker.RefineLandmarks,
                MaxFaces = landmarker.NumFaces,
                Detector = parse.GetValue(common.Detector)!,
                Sampling = parse.GetValue(common.Sampling)!,
                Smoothing = landmarker.Smoothing,
                Thorough = landmarker.Thorough,
            };
            settings.ToBatchOptions();
            IReadOnlyList<InputFile> corpus = CorpusScanner.Expand(parse.GetValue(inputs)!);
            if (corpus.Count == 0) throw new ArgumentException("Nothing to submit: no image or video files found.");
            var jobs = new List<JobMessage>(corpus.Count);
            foreach (InputFile input in corpus) jobs.Add(await JobMessage.ForFileAsync(input.Path, settings, cancellation).ConfigureAwait(false));
            await using JobPublisher publisher = await JobPublisher.ConnectAsync(connections.BrokerUri(parse), cancellation).ConfigureAwait(false);
            foreach (JobMessage job in jobs) await publisher.PublishAsync(job, cancellation).ConfigureAwait(false);
            await Console.Error.WriteLineAsync($"{jobs.Count} job(s) submitted to {QueueTopology.Jobs}").ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    private static Command Status()
    {
        var connections = new QueueConnections();
        var command = new Command("status", "Jobs queued, in progress, done and failed (done/in progress need --db)") { connections.Broker, connections.Database };
        command.SetAction(async (parse, cancellation) =>
        {
            string? db = connections.OptionalDatabase(parse);
            await using ResultDatabase? database = db is null ? null : ResultDatabase.Open(db);
            QueueStatus status = await QueueStatus.ReadAsync(connections.BrokerUri(parse), database, cancellation).ConfigureAwait(false);
            Console.WriteLine($"queued: {status.Queued}");
            Console.WriteLine($"consumers: {status.Consumers}");
            if (status.Running is not null)
            {
                Console.WriteLine($"in progress: {status.Running}");
                Console.WriteLine($"done: {status.Done}");
            }
            Console.WriteLine($"failed: {status.DeadLettered} dead-lettered{(status.Failed is { } f ? $", {f} recorded" : "")}");
            return 0;
        });
        return command;
    }
}
