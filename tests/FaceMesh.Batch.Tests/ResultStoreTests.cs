using Parquet.Schema;
using Parquet.Serialization;

namespace FaceMesh.Batch.Tests;

public sealed class ResultStoreTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("facemesh-store-tests-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Rows_beyond_one_row_group_read_back_in_order_from_parquet_and_jsonl()
    {
        var store = new ResultStore(Path.Combine(_root, "out"));
        InputFile input = FakeInput("long.mp4");
        const int rows = ResultWriter.RowGroupRows * 2 + 17;
        await using (ResultWriter writer = store.Begin(input, "opts"))
        {
            for (int frame = 0; frame < rows; frame++)
                await writer.AddAsync(new FrameRecords(frame, frame * 40.0, [Row(input, frame)]));
            await writer.CommitAsync();
        }

        Assert.True(store.IsComplete(input, "opts"));
        Assert.False(store.IsComplete(input, "other options"));
        string parquet = Assert.Single(Directory.GetFiles(store.Results, "*.parquet"));
        await using FileStream stream = File.OpenRead(parquet);
        DeserializationResult<FaceRecord> read = await ParquetSerializer.DeserializeAsync<FaceRecord>(stream);
        IList<FaceRecord> back = read.Data;
        Assert.Equal(["file", "frame", "timestampMs", "face", "width", "height", "score", "faceFlag", "landmarks", "options"],
            read.Schema.Fields.Select(f => f.Name));
        Assert.IsType<ListField>(read.Schema.Fields.Single(f => f.Name == "landmarks"));
        Assert.Equal(Enumerable.Range(0, rows).Select(i => (long)i), back.Select(r => r.Frame));
        Assert.Equal([rows - 1f, 2f, 3f], back[^1].Landmarks);
        Assert.Equal(rows, File.ReadLines(Assert.Single(Directory.GetFiles(store.Results, "*.jsonl"))).Count());
    }

    [Fact]
    public async Task An_input_without_faces_is_complete_with_zero_rows()
    {
        var store = new ResultStore(Path.Combine(_root, "out"));
        InputFile input = FakeInput("empty.png");
        await using (ResultWriter writer = store.Begin(input, "opts"))
        {
            await writer.AddAsync(new FrameRecords(0, null, []));
            await writer.CommitAsync();
        }
        Assert.True(store.IsComplete(input, "opts"));
        await using FileStream stream = File.OpenRead(Assert.Single(Directory.GetFiles(store.Results, "*.parquet")));
        Assert.Empty((await ParquetSerializer.DeserializeAsync<FaceRecord>(stream)).Data);
    }

    [Fact]
    public async Task Nothing_becomes_visible_before_commit_and_leftovers_of_a_killed_run_are_swept()
    {
        string output = Path.Combine(_root, "out");
        var store = new ResultStore(output);
        InputFile input = FakeInput("a.png");
        await using (ResultWriter writer = store.Begin(input, "opts"))
        {
            await writer.AddAsync(new FrameRecords(0, null, [Row(input, 0)]));
            Assert.All(Directory.GetFiles(store.Results), f => Assert.EndsWith(".tmp", f, StringComparison.Ordinal));
            Assert.False(store.IsComplete(input, "opts"));
        }
        Assert.Empty(Directory.GetFiles(store.Results));

        File.WriteAllText(Path.Combine(store.Results, "killed.abc.def.parquet.tmp"), "half");
        _ = new ResultStore(output);
        Assert.Empty(Directory.GetFiles(store.Results));
    }

    [Fact]
    public void List_files_and_folders_expand_to_media_files_once_each()
    {
        string folder = Path.Combine(_root, "media");
        Directory.CreateDirectory(Path.Combine(folder, "deep"));
        foreach (string name in (string[])["b.JPG", "a.mp4", "deep/c.png", "skip.txt"]) File.WriteAllText(Path.Combine(folder, name), "x");
        string list = Path.Combine(_root, "list.txt");
        File.WriteAllLines(list, ["# comment", "", "media/a.mp4", "  media/deep/c.png  ", "missing.mov"]);

        IReadOnlyList<InputFile> corpus = CorpusScanner.Expand(["@" + list, folder]);

        Assert.Equal(
            [Path.Combine(folder, "a.mp4"), Path.Combine(folder, "deep", "c.png"), Path.Combine(_root, "missing.mov"), Path.Combine(folder, "b.JPG")],
            corpus.Select(f => f.Path));
        Assert.Equal(-1, corpus[2].Size);
        Assert.Equal([MediaKind.Video, MediaKind.Image, MediaKind.Video, MediaKind.Image], corpus.Select(f => f.Kind));
    }

    private InputFile FakeInput(string name) => new(Path.Combine(_root, name), 123, new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc));

    private static FaceRecord Row(InputFile input, int frame) => new()
    {
        File = input.Path,
        Frame = frame,
        TimestampMs = frame * 40.0,
        Width = 64,
        Height = 48,
        Landmarks = [frame, 2f, 3f],
        Options = "opts",
    };
}
