using FaceMesh.Batch;
using Npgsql;
using NpgsqlTypes;

namespace FaceMesh.Queue;

/// <summary>
/// The results in PostgreSQL (schema: <see cref="Migrations"/>). A job's rows are replaced in one
/// transaction keyed by (content hash, options hash), so committing the same job twice leaves
/// exactly one result set.
/// </summary>
public sealed class ResultDatabase(NpgsqlDataSource dataSource) : IAsyncDisposable
{
    public static ResultDatabase Open(string connectionString) => new(NpgsqlDataSource.Create(connectionString));

    /// <summary>Creates or upgrades the schema; safe when many workers start at once (advisory lock).</summary>
    public Task MigrateAsync(CancellationToken cancellationToken = default) => Migrations.ApplyAsync(dataSource, cancellationToken);

    public async Task<bool> IsDoneAsync(JobMessage job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        await using NpgsqlCommand command = dataSource.CreateCommand(
            "SELECT 1 FROM facemesh_jobs WHERE content_hash = $1 AND options_hash = $2 AND state = 'done'");
        command.Parameters.Add(new() { Value = job.ContentHash });
        command.Parameters.Add(new() { Value = job.OptionsHash });
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not null;
    }

    /// <summary>Marks a job as in progress (for status); never downgrades a finished one.</summary>
    public async Task MarkRunningAsync(JobMessage job, string worker, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        await using NpgsqlCommand command = dataSource.CreateCommand("""
            INSERT INTO facemesh_jobs (content_hash, options_hash, input, options, state, worker, updated_at)
            VALUES ($1, $2, $3, $4::jsonb, 'running', $5, now())
            ON CONFLICT (content_hash, options_hash) DO UPDATE
              SET state = 'running', worker = EXCLUDED.worker, input = EXCLUDED.input, updated_at = now()
              WHERE facemesh_jobs.state <> 'done'
            """);
        AddJob(command, job);
        command.Parameters.Add(new() { Value = worker });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Replaces the job's rows and marks it done, in one transaction.</summary>
    public async Task SaveAsync(JobMessage job, string worker, IReadOnlyList<FaceRecord> rows, long frames, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(rows);
        await using NpgsqlConnection connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using NpgsqlTransaction transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var upsert = new NpgsqlCommand("""
            INSERT INTO facemesh_jobs (content_hash, options_hash, input, options, state, worker, frames, faces, error, updated_at)
            VALUES ($1, $2, $3, $4::jsonb, 'done', $5, $6, $7, NULL, now())
            ON CONFLICT (content_hash, options_hash) DO UPDATE
              SET state = 'done', input = EXCLUDED.input, worker = EXCLUDED.worker, frames = EXCLUDED.frames,
                  faces = EXCLUDED.faces, error = NULL, updated_at = now()
            """, connection, transaction))
        {
            AddJob(upsert, job);
            upsert.Parameters.Add(new() { Value = worker });
            upsert.Parameters.Add(new() { Value = frames });
            upsert.Parameters.Add(new() { Value = (long)rows.Count });
            await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await using (var delete = new NpgsqlCommand("DELETE FROM facemesh_faces WHERE content_hash = $1 AND options_hash = $2", connection, transaction))
        {
            delete.Parameters.Add(new() { Value = job.ContentHash });
            delete.Parameters.Add(new() { Value = job.OptionsHash });
            await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await using (NpgsqlBinaryImporter copy = await connection.BeginBinaryImportAsync(
            "COPY facemesh_faces (content_hash, options_hash, frame, timestamp_ms, face, width, height, score, face_flag, landmarks) FROM STDIN (FORMAT BINARY)",
            cancellationToken).ConfigureAwait(false))
        {
            foreach (FaceRecord row in rows)
            {
                await copy.StartRowAsync(cancellationToken).ConfigureAwait(false);
                await copy.WriteAsync(job.ContentHash, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await copy.WriteAsync(job.OptionsHash, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await copy.WriteAsync(row.Frame, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
                if (row.TimestampMs is { } t) await copy.WriteAsync(t, NpgsqlDbType.Double, cancellationToken).ConfigureAwait(false);
                else await copy.WriteNullAsync(cancellationToken).ConfigureAwait(false);
                await copy.WriteAsync(row.Face, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
                await copy.WriteAsync(row.Width, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
                await copy.WriteAsync(row.Height, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
                if (row.Score is { } s) await copy.WriteAsync(s, NpgsqlDbType.Real, cancellationToken).ConfigureAwait(false);
                else await copy.WriteNullAsync(cancellationToken).ConfigureAwait(false);
                await copy.WriteAsync(row.FaceFlag, NpgsqlDbType.Real, cancellationToken).ConfigureAwait(false);
                await copy.WriteAsync(row.Landmarks, NpgsqlDbType.Array | NpgsqlDbType.Real, cancellationToken).ConfigureAwait(false);
            }
            await copy.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Records a job that was dead-lettered, so status and queries see why.</summary>
    public async Task MarkFailedAsync(JobMessage job, string worker, string error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        await using NpgsqlCommand command = dataSource.CreateCommand("""
            INSERT INTO facemesh_jobs (content_hash, options_hash, input, options, state, worker, error, updated_at)
            VALUES ($1, $2, $3, $4::jsonb, 'failed', $5, $6, now())
            ON CONFLICT (content_hash, options_hash) DO UPDATE
              SET state = 'failed', worker = EXCLUDED.worker, error = EXCLUDED.error, updated_at = now()
              WHERE facemesh_jobs.state <> 'done'
            """);
        AddJob(command, job);
        command.Parameters.Add(new() { Value = worker });
        command.Parameters.Add(new() { Value = error });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Jobs per state ("running", "done", "failed").</summary>
    public async Task<IReadOnlyDictionary<string, long>> CountsAsync(CancellationToken cancellationToken = default)
    {
        var counts = new Dictionary<string, long>();
        await using NpgsqlCommand command = dataSource.CreateCommand("SELECT state, count(*) FROM facemesh_jobs GROUP BY state");
        await using NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) counts[reader.GetString(0)] = reader.GetInt64(1);
        return counts;
    }

    private static void AddJob(NpgsqlCommand command, JobMessage job)
    {
        command.Parameters.Add(new() { Value = job.ContentHash });
        command.Parameters.Add(new() { Value = job.OptionsHash });
        command.Parameters.Add(new() { Value = job.Input });
        command.Parameters.Add(new() { Value = System.Text.Json.JsonSerializer.Serialize(job.Options) });
    }

    public ValueTask DisposeAsync() => dataSource.DisposeAsync();
}
