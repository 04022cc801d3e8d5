using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace FaceMesh.Batch;

/// <summary>
/// The output folder of a batch. Each input's rows go to <c>results/NAME.PATHID.STATE.jsonl</c>
/// and <c>.parquet</c> (the folder is a Parquet dataset and a set of JSON Lines files), where
/// PATHID identifies the input path and STATE its size, modification time and the options. Files
/// are written under a temporary name and renamed when complete, Parquet last, so a result that
/// exists is whole and a killed run leaves only temporary files, removed by the next run. An input
/// is complete when both files of its current state exist; completing an input replaces its
/// results from an older state. A failed input gets <c>errors/NAME.PATHID.json</c> instead.
/// </summary>
public sealed class ResultStore
{
    internal const string TempSuffix = ".tmp";
    private static readonly JsonSerializerOptions ErrorJson = new() { WriteIndented = false };

    public ResultStore(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        Root = Path.GetFullPath(directory);
        if (File.Exists(Root)) throw new IOException($"The output '{directory}' is a file; batch writes a folder.");
        Results = Path.Combine(Root, "results");
        Errors = Path.Combine(Root, "errors");
        Directory.CreateDirectory(Results);
        Directory.CreateDirectory(Errors);
        foreach (string stale in Directory.EnumerateFiles(Results, "*" + TempSuffix).Concat(Directory.EnumerateFiles(Errors, "*" + TempSuffix)))
            File.Delete(stale);
    }

    public string Root { get; }
    public string Results { get; }
    public string Errors { get; }

    public bool IsComplete(InputFile input, string options)
    {
        string stem = Stem(input, options);
        return File.Exists(Path.Combine(Results, stem + ".parquet")) && File.Exists(Path.Combine(Results, stem + ".jsonl"));
    }

    /// <summary>Starts the results of one input; nothing becomes visible until <see cref="ResultWriter.CommitAsync"/>.</summary>
    public ResultWriter Begin(InputFile input, string options)
    {
        ArgumentNullException.ThrowIfNull(input);
        string stem = Stem(input, options);
        return new ResultWriter(Path.Combine(Results, stem), () => Replaced(input, stem));
    }

    /// <summary>Records why an input failed (atomically); a later success removes the record.</summary>
    public void RecordFailure(InputFile input, string options, string error)
    {
        ArgumentNullException.ThrowIfNull(input);
        string path = Path.Combine(Errors, $"{Name(input)}.{PathId(input)}.json");
        string temp = path + TempSuffix;
        File.WriteAllText(temp, JsonSerializer.Serialize(new { file = input.Path, error, options }, ErrorJson));
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>After a commit: results of the same path from another state, and its failure record, are out of date.</summary>
    private void Replaced(InputFile input, string currentStem)
    {
        string prefix = $"{Name(input)}.{PathId(input)}.";
        foreach (string old in Directory.EnumerateFiles(Results, prefix + "*"))
        {
            string file = Path.GetFileName(old);
            if (!file.StartsWith(currentStem + ".", StringComparison.Ordinal) && !file.EndsWith(TempSuffix, StringComparison.Ordinal)) File.Delete(old);
        }
        File.Delete(Path.Combine(Errors, prefix + "json"));
    }

    private static string Stem(InputFile input, string options) =>
        $"{Name(input)}.{PathId(input)}.{Hash($"{input.Size}\n{input.LastWriteUtc.Ticks}\n{options}")}";

    private static string PathId(InputFile input) => Hash(input.Path);

    /// <summary>The file name without extension, reduced to safe characters, so results are recognisable.</summary>
    private static string Name(InputFile input)
    {
        string name = Path.GetFileNameWithoutExtension(input.Path);
        var safe = new StringBuilder(Math.Min(name.Length, 40));
        foreach (char c in name.Take(40)) safe.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_');
        return safe.Length > 0 ? safe.ToString() : "input";
    }

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..12];
}
