using System.CommandLine;
using System.Diagnostics;
using FaceMesh.Batch;
using FaceMesh.Cli.Progress;

namespace FaceMesh.Cli.Commands;

/// <summary>
/// <c>facemesh batch INPUTS... -o OUT</c>: landmarks for a corpus of images and videos on every
/// core, as JSON Lines and Parquet in OUT/results (schema: <see cref="FaceRecord"/>), resumable.
/// Exit code: 0 when every input succeeded, otherwise the number that failed (at most 100).
/// </summary>
internal static class BatchCommand
{
    private const int MaxFailureExitCode = 100;

    public static Command Create()
    {
        var inputs = new Argument<string[]>("inputs")
        {
            Description = "Files, folders (searched recursively for image and video extensions) and @list.txt files (one path a line)",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var list = new Option<string[]>("--list") { Description = "A file listing inputs, one path a line (same as @FILE)" };
        var output = new Option<string>("--output", "-o") { Description = "Output folder: results/*.jsonl, results/*.parquet, errors/*.json", Required = true };
        var workers = new Option<int>("--workers") { Description = "Inputs processed at once, one pipeline each", DefaultValueFactory = _ => Environment.ProcessorCount };
        var noSmoothing = new Option<bool>("--no-smoothing") { Description = "Raw landmarks in videos instead of one-euro smoothed ones" };
        var common = new CommonOptions();
        var command = new Command("batch", "Landmarks for folders of images and videos on every core, to JSON Lines and Parquet; re-running skips finished inputs")
        {
            inputs, list, output, workers, noSmoothing,
        };
        common.AddTo(command);
        command.SetAction(async (parse, cancellation) =>
        {
            string[] named = [.. parse.GetValue(inputs) ?? [], .. (parse.GetValue(list) ?? []).Select(l => "@" + l)];
            if (named.Length == 0) throw new ArgumentException("Nothing to do: give files, folders, @list.txt or --list.");
            int parallel = parse.GetValue(workers);
            if (parallel < 1) throw new ArgumentException($"--workers must be at least 1, got {parallel}.");
            var options = new BatchOptions { Landmarker = common.ToOptions(parse, RunningMode.Video, smoothing: !parse.GetValue(noSmoothing)) };
            options.Landmarker.Validate();
            IReadOnlyList<InputFile> corpus = CorpusScanner.Expand(named);
            var store = new ResultStore(parse.GetValue(output)!);
            var runner = new CorpusRunner(options, store) { Workers = parallel };

            var clock = Stopwatch.StartNew();
            IReadOnlyList<InputOutcome> outcomes = await CorpusProgressBar.RunAsync(corpus.Count,
                progress => runner.RunAsync(corpus, progress, cancellation)).ConfigureAwait(false);
            return await ReportAsync(outcomes, store, clock.Elapsed).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<int> ReportAsync(IReadOnlyList<InputOutcome> outcomes, ResultStore store, TimeSpan elapsed)
    {
        int failed = 0;
        foreach (InputOutcome failure in outcomes.Where(o => o.Status == InputStatus.Failed))
        {
            failed++;
            await Console.Error.WriteLineAsync($"failed: {failure.Input.Path}: {failure.Error}").ConfigureAwait(false);
        }
        int processed = outcomes.Count(o => o.Status == InputStatus.Processed), skipped = outcomes.Count(o => o.Status == InputStatus.Skipped);
        long frames = outcomes.Sum(o => o.Frames), faces = outcomes.Sum(o => o.Faces);
        double seconds = elapsed.TotalSeconds;
        await Console.Error.WriteLineAsync(
            $"{outcomes.Count} inputs: {processed} processed, {skipped} already complete, {failed} failed; " +
            $"{frames} frames, {faces} face rows in {seconds:F1} s ({frames / Math.Max(seconds, 1e-3):F1} frames/s); results in {store.Results}").ConfigureAwait(false);
        return Math.Min(failed, MaxFailureExitCode);
    }
}
