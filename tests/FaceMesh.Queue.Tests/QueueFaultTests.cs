using System.Text.Json;
using FaceMesh.Batch;
using FaceMesh.Queue.Tests.Support;
using Npgsql;
using RabbitMQ.Client;
using Xunit.Abstractions;

namespace FaceMesh.Queue.Tests;

/// <summary>
/// The distributed run against real servers: three worker processes over the fixtures' jobs, one
/// worker SIGKILLed in the middle of a job, the broker restarted once, an unreadable file
/// dead-lettered; every job must end with exactly one result set equal to `facemesh batch`'s rows.
/// </summary>
public sealed class QueueFaultTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(4);
    private readonly List<IDisposable> _cleanup = [];

    public static string? SkipReason =>
        !RabbitServer.Installed || PostgresServer.BinDirectory is null
            ? "rabbitmq-server and postgresql are not installed (scripts/install-deps.sh installs them as root)"
            : FixtureAvailability.SkipReason([.. Corpus.Photos, Corpus.Video]);

    [ServersFact]
    public async Task Workers_survive_a_killed_worker_and_a_broker_restart_with_exactly_one_result_per_job()
    {
        var corpus = Track(new Corpus());
        string reference = Path.Combine(corpus.Root, "reference");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        (int batchExit, string batchOutput) = FaceMeshCli.Run(["batch", corpus.Inputs, "-o", reference, "--workers", "2"], Patience);
        Assert.True(batchExit == 0, $"facemesh batch failed:\n{batchOutput}");
        Dictionary<string, List<FaceRecord>> expected = ReadBatchRows(reference);
        Assert.Equal(corpus.Count, expected.Count);
        TimeSpan batchTime = clock.Elapsed;

        var postgres = Track(new PostgresServer());
        var rabbit = Track(new RabbitServer());
        var environment = new Dictionary<string, string> { ["FACEMESH_BROKER"] = rabbit.Uri, ["FACEMESH_DB"] = postgres.ConnectionString };
        ChildProcess[] workers = [.. Enumerable.Range(0, 3).Select(_ => Track(FaceMeshCli.Start(["worker"], environment)))];
        string Logs() => string.Join("\n---\n", workers.Select((w, i) => $"worker {i}:\n{w.Tail(15)}")) + $"\n--- broker:\n{rabbit.Tail(10)}";
        await Wait.UntilAsync(async () => (await StatusAsync(rabbit.Uri)).Consumers == 3, Patience, () => $"3 workers never consumed.\n{Logs()}");

        clock.Restart();
        (int submitExit, string submitOutput) = FaceMeshCli.Run(["queue", "submit", corpus.Inputs, corpus.Broken], TimeSpan.FromMinutes(2), environment);
        Assert.True(submitExit == 0, $"queue submit failed:\n{submitOutput}");
        Assert.Contains($"{corpus.Count + 1} job(s) submitted", submitOutput, StringComparison.Ordinal);

        await using var db = NpgsqlDataSource.Create(postgres.ConnectionString);
        string victimName = $"{Environment.MachineName}:{workers[0].Id}/";
        string? victimJob = null;
        await Wait.UntilAsync(async () => (victimJob = await ScalarAsync<string>(db,
            $"SELECT content_hash FROM facemesh_jobs WHERE state = 'running' AND worker LIKE '{victimName}%'")) is not null,
            Patience, () => $"worker 0 was never seen in the middle of a job.\n{Logs()}", pollMs: 50);
        workers[0].Signal(ChildProcess.SigKill);
        Assert.True(workers[0].WaitForExit(TimeSpan.FromSeconds(30)), "the SIGKILLed worker did not die");
        string? stateAfterKill = await ScalarAsync<string>(db, $"SELECT state FROM facemesh_jobs WHERE content_hash = '{victimJob}'");

        await Wait.UntilAsync(async () => await ScalarAsync<long>(db, "SELECT count(*) FROM facemesh_jobs WHERE state = 'done'") >= 6,
            Patience, () => $"the surviving workers made no progress.\n{Logs()}");
        rabbit.Stop();
        rabbit.Start();

        await Wait.UntilAsync(async () =>
        {
            QueueStatus status = await StatusAsync(rabbit.Uri, postgres.ConnectionString);
            return status is { Queued: 0, DeadLettered: 1, Failed: 1, Running: 0 } && status.Done == corpus.Count;
        }, Patience, () => $"the jobs did not all finish: {StatusAsync(rabbit.Uri, postgres.ConnectionString).GetAwaiter().GetResult()}\n{Logs()}", pollMs: 500);
        TimeSpan queueTime = clock.Elapsed;

        foreach (ChildProcess worker in workers.Skip(1)) worker.Signal(ChildProcess.SigTerm);
        foreach (ChildProcess worker in workers.Skip(1))
        {
            Assert.True(worker.WaitForExit(TimeSpan.FromSeconds(45)), $"a worker ignored SIGTERM.\n{Logs()}");
            Assert.True(worker.ExitCode == 0, $"a worker exited with {worker.ExitCode} on SIGTERM.\n{Logs()}");
        }

        foreach (ChildProcess worker in workers.Skip(1))
            Assert.Contains("broker connection lost; reconnecting", worker.Output, StringComparison.Ordinal);
        // The killed worker's job was really in flight, and another worker completed it.
        Assert.Equal("running", stateAfterKill);
        string? finisher = await ScalarAsync<string>(db, $"SELECT worker FROM facemesh_jobs WHERE content_hash = '{victimJob}' AND state = 'done'");
        Assert.NotNull(finisher);
        Assert.False(finisher.StartsWith(victimName, StringComparison.Ordinal), "the killed worker cannot have finished its job");

        long rows = await AssertResultsEqualBatchAsync(db, expected);
        await AssertDeadLetterAsync(rabbit.Uri, corpus.Broken);
        output.WriteLine($"{corpus.Count} jobs + 1 unreadable, {rows} face rows equal to batch's; batch (2 workers, 1 process) {batchTime.TotalSeconds:F1} s, " +
            $"queue (3 workers, 1 SIGKILLed, broker restarted) {queueTime.TotalSeconds:F1} s from submit to all done (shared machine)");
    }

    [ServersFact]
    public async Task A_worker_holds_its_job_while_the_database_is_down_and_commits_when_it_is_back()
    {
        var postgres = Track(new PostgresServer());
        var rabbit = Track(new RabbitServer());
        var environment = new Dictionary<string, string> { ["FACEMESH_BROKER"] = rabbit.Uri, ["FACEMESH_DB"] = postgres.ConnectionString };
        ChildProcess worker = Track(FaceMeshCli.Start(["worker"], environment));
        await Wait.UntilAsync(async () => (await StatusAsync(rabbit.Uri)).Consumers == 1, Patience, () => $"the worker never consumed.\n{worker.Tail()}");
        postgres.Stop();

        string[] photos = [.. Corpus.Photos.Take(3).Select(TestPaths.Fixture)];
        (int submitExit, string submitOutput) = FaceMeshCli.Run(["queue", "submit", .. photos], TimeSpan.FromMinutes(2), environment);
        Assert.True(submitExit == 0, $"queue submit failed:\n{submitOutput}");
        await Wait.UntilAsync(() => Task.FromResult(worker.Output.Contains("database unavailable", StringComparison.Ordinal)), Patience,
            () => $"the worker never noticed the database was down.\n{worker.Tail()}");
        // One job delivered and held unacknowledged (prefetch 1), the others still waiting.
        QueueStatus held = await StatusAsync(rabbit.Uri);
        Assert.Equal(photos.Length - 1, held.Queued);

        postgres.Start();
        await Wait.UntilAsync(async () => await StatusAsync(rabbit.Uri, postgres.ConnectionString) is { Queued: 0, Running: 0 } status && status.Done == photos.Length,
            Patience, () => $"the jobs did not finish after the database came back.\n{worker.Tail()}", pollMs: 500);
        await using var db = NpgsqlDataSource.Create(postgres.ConnectionString);
        Assert.Equal(await ScalarAsync<long>(db, "SELECT sum(faces)::bigint FROM facemesh_jobs"), await ScalarAsync<long>(db, "SELECT count(*) FROM facemesh_faces"));
        Assert.True(await ScalarAsync<long>(db, "SELECT count(*) FROM facemesh_faces") > 0, "the photos have faces");

        (int statusExit, string statusOutput) = FaceMeshCli.Run(["queue", "status"], TimeSpan.FromMinutes(1), environment);
        Assert.Equal(0, statusExit);
        Assert.Contains($"done: {photos.Length}", statusOutput, StringComparison.Ordinal);
        Assert.Contains("queued: 0", statusOutput, StringComparison.Ordinal);
        Assert.Contains("in progress: 0", statusOutput, StringComparison.Ordinal);

        worker.Signal(ChildProcess.SigTerm);
        Assert.True(worker.WaitForExit(TimeSpan.FromSeconds(45)), $"the worker ignored SIGTERM.\n{worker.Tail()}");
        Assert.Equal(0, worker.ExitCode);
    }

    private static async Task<long> AssertResultsEqualBatchAsync(NpgsqlDataSource db, Dictionary<string, List<FaceRecord>> expected)
    {
        string optionsHash = JobMessage.HashOptions(new JobSettings());
        Assert.Equal(expected.Count + 1L, await ScalarAsync<long>(db, "SELECT count(*) FROM facemesh_jobs"));
        long totalRows = 0;
        foreach ((string file, List<FaceRecord> rows) in expected)
        {
            string hash = await JobMessage.HashFileAsync(file, CancellationToken.None);
            await using NpgsqlCommand command = db.CreateCommand(
                "SELECT frame, timestamp_ms, face, width, height, score, face_flag, landmarks FROM facemesh_faces WHERE content_hash = $1 AND options_hash = $2 ORDER BY frame, face");
            command.Parameters.Add(new() { Value = hash });
            command.Parameters.Add(new() { Value = optionsHash });
            await using NpgsqlDataReader reader = await command.ExecuteReaderAsync();
            int i = 0;
            foreach (FaceRecord want in rows.OrderBy(r => r.Frame).ThenBy(r => r.Face))
            {
                Assert.True(await reader.ReadAsync(), $"{file}: {rows.Count} rows from batch, only {i} in the database");
                Assert.Equal(want.Frame, reader.GetInt64(0));
                Assert.Equal(want.TimestampMs, reader.IsDBNull(1) ? null : reader.GetDouble(1));
                Assert.Equal(want.Face, reader.GetInt32(2));
                Assert.Equal((want.Width, want.Height), (reader.GetInt32(3), reader.GetInt32(4)));
                Assert.Equal(want.Score, reader.IsDBNull(5) ? null : reader.GetFloat(5));
                Assert.Equal(want.FaceFlag, reader.GetFloat(6));
                Assert.Equal(want.Landmarks, reader.GetFieldValue<float[]>(7));
                i++;
            }
            Assert.False(await reader.ReadAsync(), $"{file}: more rows in the database than batch's {rows.Count}");
            totalRows += rows.Count;
        }
        Assert.Equal(totalRows, await ScalarAsync<long>(db, "SELECT count(*) FROM facemesh_faces"));
        Assert.True(totalRows > expected.Count, $"the corpus should have faces in most inputs and many video frames, got {totalRows} rows");
        return totalRows;
    }

    private static async Task AssertDeadLetterAsync(string broker, string brokenFile)
    {
        IConnection connection = await new ConnectionFactory { Uri = new Uri(broker) }.CreateConnectionAsync();
        await using (connection)
        {
            IChannel channel = await connection.CreateChannelAsync();
            await using (channel)
            {
                BasicGetResult? dead = await channel.BasicGetAsync(QueueTopology.DeadLetters, autoAck: true);
                Assert.NotNull(dead);
                Assert.Equal(Path.GetFullPath(brokenFile), JobMessage.Parse(dead.Body.Span).Input);
                Assert.True(dead.BasicProperties.Persistent);
                object? error = dead.BasicProperties.Headers?[QueueTopology.ErrorHeader];
                string text = error is byte[] bytes ? System.Text.Encoding.UTF8.GetString(bytes) : $"{error}";
                Assert.False(string.IsNullOrWhiteSpace(text), "the dead-lettered job carries its error");
                Assert.Equal(3, Convert.ToInt32(dead.BasicProperties.Headers![QueueTopology.AttemptsHeader], System.Globalization.CultureInfo.InvariantCulture));
            }
        }
    }

    private static async Task<QueueStatus> StatusAsync(string broker, string? database = null)
    {
        await using ResultDatabase? db = database is null ? null : ResultDatabase.Open(database);
        return await QueueStatus.ReadAsync(broker, db);
    }

    private static async Task<T?> ScalarAsync<T>(NpgsqlDataSource db, string sql)
    {
        await using NpgsqlCommand command = db.CreateCommand(sql);
        object? value = await command.ExecuteScalarAsync();
        return value is null or DBNull ? default : (T)value;
    }

    private static Dictionary<string, List<FaceRecord>> ReadBatchRows(string output)
    {
        var rows = new Dictionary<string, List<FaceRecord>>();
        foreach (string jsonl in Directory.EnumerateFiles(Path.Combine(output, "results"), "*.jsonl"))
        {
            string? file = null;
            var list = new List<FaceRecord>();
            foreach (string line in File.ReadLines(jsonl).Where(l => l.Length > 0))
            {
                FaceRecord row = JsonSerializer.Deserialize<FaceRecord>(line)!;
                file = row.File;
                list.Add(row);
            }
            // An input without any face writes an empty file: recover its name from the batch's naming instead.
            file ??= FindInput(output, jsonl);
            rows[file] = list;
        }
        return rows;
    }

    private static string FindInput(string output, string jsonl)
    {
        string stem = Path.GetFileName(jsonl).Split('.')[0];
        string inputs = Path.Combine(Path.GetDirectoryName(output)!, "inputs");
        return Directory.EnumerateFiles(inputs).Single(f => Path.GetFileNameWithoutExtension(f) == stem);
    }

    private T Track<T>(T resource) where T : IDisposable
    {
        _cleanup.Add(resource);
        return resource;
    }

    public void Dispose()
    {
        // Workers first, then the servers they use; also after a failed assertion.
        for (int i = _cleanup.Count - 1; i >= 0; i--) _cleanup[i].Dispose();
    }
}

/// <summary>A fact that needs rabbitmq-server, PostgreSQL and the fixtures; skipped with the reason otherwise.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class ServersFactAttribute : FactAttribute
{
    public ServersFactAttribute() => Skip = QueueFaultTests.SkipReason;
}
