using System.CommandLine;
using System.Diagnostics;
using FaceMesh.Cli.Rendering;
using FaceMesh.Cli.Video;
using FaceMesh.Effects;

namespace FaceMesh.Cli.Commands;

/// <summary>
/// <c>facemesh track IN... --jsonl OUT</c>: landmarks through videos without re-encoding anything:
/// decode and track only, one JSON Lines file per video (the <c>video --jsonl</c> shape). Several
/// videos run at once, one pipeline each, up to <c>--workers</c>.
/// </summary>
internal static class TrackCommand
{
    public static Command Create()
    {
        var inputs = new Argument<string[]>("inputs") { Description = "Video files (anything ffmpeg reads)", Arity = ArgumentArity.OneOrMore };
        var jsonl = new Option<string>("--jsonl")
        {
            Description = "One JSON line per frame: a file ('-' = standard output) for one input; a folder for several (one <name>.jsonl each)",
            DefaultValueFactory = _ => "-",
        };
        var workers = new Option<int>("--workers") { Description = "Videos processed at once", DefaultValueFactory = _ => Environment.ProcessorCount };
        var noSmoothing = new Option<bool>("--no-smoothing") { Description = "Return raw landmarks instead of one-euro smoothed ones" };
        var timings = new Option<bool>("--timings") { Description = "Print where the time went (per pipeline stage) on standard error" };
        var common = new CommonOptions();
        var command = new Command("track", "Track faces through videos and write landmarks per frame as JSON Lines, without re-encoding")
        {
            inputs, jsonl, workers, noSmoothing, timings,
        };
        common.AddTo(command);
        command.SetAction(async (parse, cancellation) =>
        {
            string[] videos = parse.GetValue(inputs)!;
            int parallel = parse.GetValue(workers);
            if (parallel < 1) throw new ArgumentException($"--workers must be at least 1, got {parallel}.");
            FaceLandmarkerOptions options = common.ToOptions(parse, RunningMode.Video, smoothing: !parse.GetValue(noSmoothing));
            IReadOnlyList<string> outputs = JsonLinesPaths(videos, parse.GetValue(jsonl)!);
            var renderer = new FaceRenderer(MeshLayers.None, lipstick: null);
            bool several = videos.Length > 1;

            await Parallel.ForEachAsync(Enumerable.Range(0, videos.Length),
                new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = cancellation },
                async (i, token) =>
                {
                    var clock = Stopwatch.StartNew();
                    var job = new VideoJob(new VideoJobSettings(videos[i], Output: null, options, renderer, outputs[i]));
                    VideoJob.Summary summary = await job.RunAsync(token, showProgress: !several).ConfigureAwait(false);
                    double seconds = clock.Elapsed.TotalSeconds;
                    string where = outputs[i] == "-" ? "standard output" : outputs[i];
                    string report = $"{videos[i]}: {summary.Frames} frames ({summary.FramesWithFaces} with a face) to {where} in {seconds:F1} s ({summary.Frames / Math.Max(seconds, 1e-3):F1} fps)";
                    if (summary.DecodeError is { } damage) report += $"; warning: the input ended early ({damage})";
                    if (parse.GetValue(timings)) report += Environment.NewLine + job.Times.Describe(clock.Elapsed);
                    await Console.Error.WriteLineAsync(report).ConfigureAwait(false);
                }).ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    /// <summary>The JSON Lines path per input: the given one for a single input, else one file per input in the given folder.</summary>
    private static string[] JsonLinesPaths(string[] videos, string jsonl)
    {
        if (videos.Length == 1) return [jsonl];
        if (jsonl == "-") throw new ArgumentException("Several inputs need --jsonl FOLDER (one .jsonl per video), not standard output.");
        if (File.Exists(jsonl)) throw new ArgumentException($"--jsonl '{jsonl}' is a file; several inputs need a folder.");
        Directory.CreateDirectory(jsonl);
        string[] paths = videos.Select(v => Path.Combine(jsonl, Path.GetFileNameWithoutExtension(v) + ".jsonl")).ToArray();
        string? clash = paths.GroupBy(p => p, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1)?.Key;
        if (clash is not null) throw new ArgumentException($"Two inputs would both write '{clash}'; give them different names or run them separately.");
        return paths;
    }
}
