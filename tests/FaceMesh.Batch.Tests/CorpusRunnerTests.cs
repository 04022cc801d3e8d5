using System.Text.Json;
using Parquet.Serialization;

namespace FaceMesh.Batch.Tests;

public sealed class CorpusRunnerTests
{
    private static readonly BatchOptions Options = new() { Landmarker = new FaceLandmarkerOptions { RunningMode = RunningMode.Video, Smoothing = false } };

    [FixtureFact("astronaut.png", "grace_hopper.jpg")]
    public async Task A_folder_gives_one_row_per_face_per_frame_in_jsonl_and_parquet_and_records_the_corrupt_file()
    {
        using var corpus = new Corpus();
        IReadOnlyList<InputFile> inputs = CorpusScanner.Expand([corpus.Input]);
        Assert.Equal([corpus.Astronaut, corpus.GraceHopper, corpus.Clip, corpus.Corrupt], inputs.Select(i => i.Path));

        var store = new ResultStore(corpus.Output);
        IReadOnlyList<InputOutcome> outcomes = await new CorpusRunner(Options, store) { Workers = 2 }.RunAsync(inputs);

        Assert.Equal([InputStatus.Processed, InputStatus.Processed, InputStatus.Processed, InputStatus.Failed], outcomes.Select(o => o.Status));
        Assert.Equal([1L, 1, Corpus.ClipFrames, 0], outcomes.Select(o => o.Frames));
        Assert.Contains("corrupt.jpg", outcomes[3].Error, StringComparison.Ordinal);
        string errorFile = Assert.Single(Directory.GetFiles(store.Errors));
        using (JsonDocument error = JsonDocument.Parse(File.ReadAllText(errorFile)))
            Assert.Equal(corpus.Corrupt, error.RootElement.GetProperty("file").GetString());

        List<FaceRecord> jsonRows = ReadJsonLines(store);
        List<FaceRecord> parquetRows = await ReadParquetAsync(store);
        Assert.Equal(2 + Corpus.ClipFrames, jsonRows.Count);
        Assert.Equal(jsonRows.Count, parquetRows.Count);
        foreach (FaceRecord[] pair in jsonRows.Zip(parquetRows, (j, p) => new[] { j, p }))
        {
            Assert.Equal(pair[0].File, pair[1].File);
            Assert.Equal(pair[0].Frame, pair[1].Frame);
            Assert.Equal(pair[0].TimestampMs, pair[1].TimestampMs);
            Assert.Equal(pair[0].Landmarks, pair[1].Landmarks);
            Assert.Equal(pair[0].Options, pair[1].Options);
        }

        FaceRecord astronaut = Assert.Single(parquetRows, r => r.File == corpus.Astronaut);
        Assert.Equal((0L, (double?)null, 0), (astronaut.Frame, astronaut.TimestampMs, astronaut.Face));
        Assert.Equal(478 * 3, astronaut.Landmarks.Length);
        Assert.NotNull(astronaut.Score);
        // The nose tip (landmark 1) of the astronaut lies within the photo, left of centre.
        Assert.InRange(astronaut.Landmarks[3], 100, astronaut.Width / 2f);
        Assert.Equal(Options.Describe(), astronaut.Options);

        FaceRecord[] clip = parquetRows.Where(r => r.File == corpus.Clip).ToArray();
        Assert.Equal([0L, 1, 2, 3, 4], clip.Select(r => r.Frame));
        Assert.Equal([0.0, 100, 200, 300, 400], clip.Select(r => r.TimestampMs!.Value));
        Assert.All(clip, r => Assert.Equal((160, 160), (r.Width, r.Height)));
        Assert.NotNull(clip[0].Score);
        Assert.Null(clip[1].Score); // tracked from frame 0's landmarks, not detected again
    }

    [FixtureFact("astronaut.png", "grace_hopper.jpg")]
    public async Task Progress_from_two_workers_arrives_in_order_and_ends_on_the_final_counts()
    {
        using var corpus = new Corpus();
        var reports = new List<CorpusProgress>();
        var gate = new Lock();
        IReadOnlyList<InputFile> inputs = CorpusScanner.Expand([corpus.Input]);
        await new CorpusRunner(Options, new ResultStore(corpus.Output)) { Workers = 2 }.RunAsync(inputs, p =>
        {
            // A slow consumer holding its own lock is where reports used to overtake each other.
            lock (gate)
            {
                reports.Add(p);
                Thread.Sleep(1);
            }
        });

        long expectedFrames = 2 + Corpus.ClipFrames;
        Assert.Equal(expectedFrames + inputs.Count, reports.Count);
        Assert.All(reports.Zip(reports.Skip(1)), pair =>
        {
            Assert.True(pair.Second.FilesDone >= pair.First.FilesDone, $"{pair.Second} after {pair.First}");
            Assert.True(pair.Second.Frames >= pair.First.Frames, $"{pair.Second} after {pair.First}");
        });
        Assert.Equal(new CorpusProgress(inputs.Count, inputs.Count, 0, 1, expectedFrames), reports[^1]);
    }

    [FixtureFact("astronaut.png", "grace_hopper.jpg")]
    public async Task Rerunning_skips_complete_inputs_and_redoes_a_changed_one_replacing_its_old_results()
    {
        using var corpus = new Corpus();
        var store = new ResultStore(corpus.Output);
        var runner = new CorpusRunner(Options, store) { Workers = 2 };
        await runner.RunAsync(CorpusScanner.Expand([corpus.Input]));
        Dictionary<string, DateTime> written = Directory.GetFiles(store.Results).ToDictionary(f => f, File.GetLastWriteTimeUtc);
        Assert.Equal(6, written.Count);

        IReadOnlyList<InputOutcome> again = await runner.RunAsync(CorpusScanner.Expand([corpus.Input]));
        Assert.Equal([InputStatus.Skipped, InputStatus.Skipped, InputStatus.Skipped, InputStatus.Failed], again.Select(o => o.Status));
        Assert.All(written, f => Assert.Equal(f.Value, File.GetLastWriteTimeUtc(f.Key)));

        File.SetLastWriteTimeUtc(corpus.GraceHopper, DateTime.UtcNow.AddMinutes(-5));
        IReadOnlyList<InputOutcome> changed = await runner.RunAsync(CorpusScanner.Expand([corpus.Input]));
        Assert.Equal([InputStatus.Skipped, InputStatus.Processed, InputStatus.Skipped, InputStatus.Failed], changed.Select(o => o.Status));
        Assert.Equal(6, Directory.GetFiles(store.Results).Length);
        Assert.Single(ReadJsonLines(store), r => r.File == corpus.GraceHopper);

        var otherOptions = new BatchOptions { Landmarker = Options.Landmarker with { RefineLandmarks = false } };
        IReadOnlyList<InputOutcome> refined = await new CorpusRunner(otherOptions, store) { Workers = 1 }.RunAsync(CorpusScanner.Expand([corpus.Astronaut]));
        Assert.Equal(InputStatus.Processed, Assert.Single(refined).Status);
        Assert.Equal(468 * 3, Assert.Single(ReadJsonLines(store), r => r.File == corpus.Astronaut).Landmarks.Length);
    }

    [FixtureFact("astronaut.png", "grace_hopper.jpg")]
    public async Task A_fixed_input_loses_its_failure_record_and_a_missing_one_is_recorded()
    {
        using var corpus = new Corpus();
        var store = new ResultStore(corpus.Output);
        var runner = new CorpusRunner(Options, store) { Workers = 1 };
        string missing = Path.Combine(corpus.Input, "gone.png");
        IReadOnlyList<InputOutcome> first = await runner.RunAsync(CorpusScanner.Expand([corpus.Corrupt, missing]));
        Assert.All(first, o => Assert.Equal(InputStatus.Failed, o.Status));
        Assert.Contains("not found", first[1].Error, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(2, Directory.GetFiles(store.Errors).Length);

        File.Copy(corpus.Astronaut, corpus.Corrupt, overwrite: true);
        IReadOnlyList<InputOutcome> second = await runner.RunAsync(CorpusScanner.Expand([corpus.Corrupt]));
        Assert.Equal(InputStatus.Processed, Assert.Single(second).Status);
        Assert.Single(Directory.GetFiles(store.Errors));
    }

    private static List<FaceRecord> ReadJsonLines(ResultStore store) =>
        Directory.GetFiles(store.Results, "*.jsonl").Order(StringComparer.Ordinal)
            .SelectMany(File.ReadLines)
            .Select(line => JsonSerializer.Deserialize<FaceRecord>(line)!)
            .OrderBy(r => r.File, StringComparer.Ordinal).ThenBy(r => r.Frame).ThenBy(r => r.Face)
            .ToList();

    private static async Task<List<FaceRecord>> ReadParquetAsync(ResultStore store)
    {
        var rows = new List<FaceRecord>();
        foreach (string file in Directory.GetFiles(store.Results, "*.parquet"))
        {
            await using FileStream stream = File.OpenRead(file);
            rows.AddRange((await ParquetSerializer.DeserializeAsync<FaceRecord>(stream)).Data);
        }
        return rows.OrderBy(r => r.File, StringComparer.Ordinal).ThenBy(r => r.Frame).ThenBy(r => r.Face).ToList();
    }
}
