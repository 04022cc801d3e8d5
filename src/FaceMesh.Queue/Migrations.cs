using Npgsql;

namespace FaceMesh.Queue;

/// <summary>
/// The schema, as numbered steps recorded in <c>facemesh_migrations</c>; a worker applies the
/// missing ones at start under an advisory lock, so concurrent workers never race.
/// <list type="bullet">
/// <item><c>facemesh_jobs</c>: one row per (content_hash, options_hash): input path, options (jsonb),
/// state running/done/failed, worker, frames, faces, error, updated_at.</item>
/// <item><c>facemesh_faces</c>: one row per face per frame: the key, frame, timestamp_ms (null for
/// images), face, width, height, score, face_flag, landmarks real[] (x0,y0,z0,x1,... in pixels),
/// primary key (content_hash, options_hash, frame, face).</item>
/// </list>
/// </summary>
internal static class Migrations
{
    private const long LockKey = 0x46_61_63_65_4D_65_73_68; // "FaceMesh"

    private static readonly string[] Steps =
    [
        """
        CREATE TABLE facemesh_jobs (
          content_hash text NOT NULL,
          options_hash text NOT NULL,
          input text NOT NULL,
          options jsonb NOT NULL,
          state text NOT NULL CHECK (state IN ('running', 'done', 'failed')),
          worker text,
          frames bigint,
          faces bigint,
          error text,
          updated_at timestamptz NOT NULL DEFAULT now(),
          PRIMARY KEY (content_hash, options_hash));
        CREATE TABLE facemesh_faces (
          content_hash text NOT NULL,
          options_hash text NOT NULL,
          frame bigint NOT NULL,
          timestamp_ms double precision,
          face integer NOT NULL,
          width integer NOT NULL,
          height integer NOT NULL,
          score real,
          face_flag real NOT NULL,
          landmarks real[] NOT NULL,
          PRIMARY KEY (content_hash, options_hash, frame, face),
          FOREIGN KEY (content_hash, options_hash) REFERENCES facemesh_jobs ON DELETE CASCADE);
        """,
    ];

    public static async Task ApplyAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using NpgsqlConnection connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using NpgsqlTransaction transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await Execute(connection, transaction, $"SELECT pg_advisory_xact_lock({LockKey})", cancellationToken).ConfigureAwait(false);
        await Execute(connection, transaction,
            "CREATE TABLE IF NOT EXISTS facemesh_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())",
            cancellationToken).ConfigureAwait(false);
        int current;
        await using (var read = new NpgsqlCommand("SELECT coalesce(max(version), 0) FROM facemesh_migrations", connection, transaction))
            current = Convert.ToInt32(await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
        for (int version = current + 1; version <= Steps.Length; version++)
        {
            await Execute(connection, transaction, Steps[version - 1], cancellationToken).ConfigureAwait(false);
            await Execute(connection, transaction, $"INSERT INTO facemesh_migrations (version) VALUES ({version})", cancellationToken).ConfigureAwait(false);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task Execute(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
