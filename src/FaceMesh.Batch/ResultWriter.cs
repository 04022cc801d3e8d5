using System.Text.Json;
using Parquet;
using Parquet.Serialization;

namespace FaceMesh.Batch;

/// <summary>
/// Writes one input's rows to JSON Lines and Parquet under temporary names; <see cref="CommitAsync"/>
/// renames them into place, disposing without a commit deletes them. Parquet rows are written in
/// row groups of <see cref="RowGroupRows"/>, so a long video never holds all its rows in memory.
/// </summary>
public sealed class ResultWriter : IAsyncDisposable
{
    public const int RowGroupRows = 1024;
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };
    private static readonly byte[] NewLine = "\n"u8.ToArray();

    private readonly string _jsonlPath, _parquetPath;
    private readonly Action _onCommit;
    private readonly FileStream _jsonl, _parquet;
    private readonly Utf8JsonWriter _json;
    private readonly List<FaceRecord> _pending = new(RowGroupRows);
    private bool _parquetStarted, _committed;

    internal ResultWriter(string stem, Action onCommit)
    {
        _jsonlPath = stem + ".jsonl";
        _parquetPath = stem + ".parquet";
        _onCommit = onCommit;
        _jsonl = new FileStream(_jsonlPath + ResultStore.TempSuffix, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        _parquet = new FileStream(_parquetPath + ResultStore.TempSuffix, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16);
        _json = new Utf8JsonWriter(_jsonl);
    }

    public long Rows { get; private set; }

    public async ValueTask AddAsync(FrameRecords frame, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(frame);
        foreach (FaceRecord face in frame.Faces)
        {
            _json.Reset();
            JsonSerializer.Serialize(_json, face, Json);
            _json.Flush();
            _jsonl.Write(NewLine);
            _pending.Add(face);
            Rows++;
        }
        if (_pending.Count >= RowGroupRows) await FlushRowGroupAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Finishes both files and makes them visible, Parquet last.</summary>
    public async Task CommitAsync(CancellationToken cancellationToken = default)
    {
        // An input without faces still gets a (zero-row) Parquet file: it marks the input as done.
        if (_pending.Count > 0 || !_parquetStarted) await FlushRowGroupAsync(cancellationToken).ConfigureAwait(false);
        await _json.DisposeAsync().ConfigureAwait(false);
        await _jsonl.FlushAsync(cancellationToken).ConfigureAwait(false);
        _jsonl.Flush(flushToDisk: true);
        await _jsonl.DisposeAsync().ConfigureAwait(false);
        _parquet.Flush(flushToDisk: true);
        await _parquet.DisposeAsync().ConfigureAwait(false);
        File.Move(_jsonlPath + ResultStore.TempSuffix, _jsonlPath, overwrite: true);
        File.Move(_parquetPath + ResultStore.TempSuffix, _parquetPath, overwrite: true);
        _committed = true;
        _onCommit();
    }

    private async Task FlushRowGroupAsync(CancellationToken cancellationToken)
    {
        _parquet.Seek(0, SeekOrigin.Begin);
        await ParquetSerializer.SerializeAsync(_pending, _parquet, new ParquetOptions { Append = _parquetStarted }, cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        _parquetStarted = true;
        _pending.Clear();
    }

    public async ValueTask DisposeAsync()
    {
        if (_committed) return;
        await _json.DisposeAsync().ConfigureAwait(false);
        await _jsonl.DisposeAsync().ConfigureAwait(false);
        await _parquet.DisposeAsync().ConfigureAwait(false);
        File.Delete(_jsonlPath + ResultStore.TempSuffix);
        File.Delete(_parquetPath + ResultStore.TempSuffix);
    }
}
