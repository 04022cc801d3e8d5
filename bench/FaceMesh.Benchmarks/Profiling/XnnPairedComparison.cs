using System.Diagnostics;
using System.Globalization;
using FaceMesh.Models;
using FaceMesh.Runtime;

namespace FaceMesh.Benchmarks.Profiling;

/// <summary>
/// Our runtime and native XNNPACK (the <c>xnnrun</c> binary that <c>../shared/tools/xnn-bench</c>
/// builds) in short alternating blocks, one thread each:
/// <c>dotnet run -c Release --project bench/FaceMesh.Benchmarks -- xnn-paired XNN_BUILD_DIR [blocks] [runs]</c>.
/// This host switches between a fast and a slow state every few tens of milliseconds. A median over
/// hundreds of runs then depends on how many of them fell in the slow state, and one engine's 300
/// runs happen seconds after the other's. Blocks of a few dozen runs, taking turns (and turns
/// about who goes first), put both engines in the same stretch of time, so each block's ratio of
/// medians compares them under the same conditions; the verdict is the median over blocks. Each
/// engine's block lasts about as long as the other's (ours runs twice as often), so a slow spell
/// is as likely to cover most of either.
/// </summary>
internal static class XnnPairedComparison
{
    private static readonly (string XnnName, MediaPipeModel Model)[] Pairs =
    [
        ("face_landmark", MediaPipeModel.FaceLandmark),
        ("face_detection_short_range", MediaPipeModel.FaceDetectionShortRange),
    ];

    /// <summary>Untimed runs each engine makes at the start of its turn.</summary>
    private const int WarmUp = 5;

    public static void Run(string[] args)
    {
        if (args.Length < 2 || !File.Exists(Path.Combine(args[1], "xnnrun")))
        {
            Console.Error.WriteLine("usage: xnn-paired XNN_BUILD_DIR [blocks] [runs]; XNN_BUILD_DIR holds xnnrun and NAME.graph.txt / NAME.random.f32 (xnn-bench's run.sh makes them)");
            Environment.ExitCode = 2;
            return;
        }
        string build = args[1];
        int blocks = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 30;
        int runs = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 50;

        foreach ((string xnnName, MediaPipeModel model) in Pairs)
        {
            using Interpreter ours = Interpreter.Load(MediaPipeModels.ReadAllBytes(model), new InterpreterOptions { ThreadCount = 1 });
            Span<float> input = ours.GetInput(0);
            for (int i = 0; i < input.Length; i++) input[i] = 0.5f + 0.5f * MathF.Sin(i * 0.001f);
            for (int i = 0; i < 200; i++) ours.Invoke();

            // Blocks of about equal length in time, so both engines are exposed to the host's states
            // alike: ours takes about half of XNNPACK's time per run (0.44-0.46 by minima), so it
            // runs twice as often per block. A calibration from one block pair swung from 51 to 173 runs.
            int oursRuns = 2 * runs;

            var ratios = new List<double>();
            var oursMedians = new List<double>();
            var xnnMedians = new List<double>();
            double oursMin = double.MaxValue, xnnMin = double.MaxValue;
            var samples = new double[oursRuns];
            for (int block = 0; block < blocks; block++)
            {
                (double Median, double Min) mine, theirs;
                if (block % 2 == 0)
                {
                    mine = TimeOurs(ours, samples);
                    theirs = TimeXnnpack(build, xnnName, runs);
                }
                else
                {
                    theirs = TimeXnnpack(build, xnnName, runs);
                    mine = TimeOurs(ours, samples);
                }
                ratios.Add(mine.Median / theirs.Median);
                oursMedians.Add(mine.Median);
                xnnMedians.Add(theirs.Median);
                oursMin = Math.Min(oursMin, mine.Min);
                xnnMin = Math.Min(xnnMin, theirs.Min);
            }
            double verdict = Median(ratios);
            int within = ratios.Count(r => r <= 0.5);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{xnnName}: paired blocks ({blocks} x {oursRuns} runs of ours and {runs} of XNNPACK, 1 thread): ours/XNNPACK median of block ratios {verdict:F2} (target <= 0.50: {(verdict <= 0.5 ? "ok" : "MISSED")}); " +
                $"block ratios {ratios.Min():F2}-{ratios.Max():F2}, {within} of {blocks} at or under 0.50; block medians ours {Median(oursMedians):F3} ms, XNNPACK {Median(xnnMedians):F3} ms; " +
                $"minima ours {oursMin:F3}, XNNPACK {xnnMin:F3} (ratio {oursMin / xnnMin:F2})"));
        }
    }

    private static (double Median, double Min) TimeOurs(Interpreter interpreter, double[] samples)
    {
        // After the other engine's turn the caches are cold: both engines get the same untimed warm-up.
        for (int i = 0; i < WarmUp; i++) interpreter.Invoke();
        for (int i = 0; i < samples.Length; i++)
        {
            long start = Stopwatch.GetTimestamp();
            interpreter.Invoke();
            samples[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        return (Median(samples), samples.Min());
    }

    private static (double Median, double Min) TimeXnnpack(string build, string name, int runs)
    {
        var start = new ProcessStartInfo(Path.Combine(build, "xnnrun"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string argument in new[] { Path.Combine(build, name + ".graph.txt"), Path.Combine(build, name + ".random.f32"), "-t", "1", "-w", WarmUp.ToString(CultureInfo.InvariantCulture), "-n", runs.ToString(CultureInfo.InvariantCulture) })
            start.ArgumentList.Add(argument);
        using Process process = Process.Start(start) ?? throw new InvalidOperationException("xnnrun did not start");
        string output = process.StandardOutput.ReadToEnd();
        string errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        string? result = output.Split('\n').FirstOrDefault(l => l.StartsWith("RESULT ", StringComparison.Ordinal));
        if (process.ExitCode != 0 || result is null) throw new InvalidOperationException($"xnnrun failed (exit {process.ExitCode}): {errors.Trim()}");
        Dictionary<string, string> fields = result.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(f => f.Split('=', 2)).Where(kv => kv.Length == 2).ToDictionary(kv => kv[0], kv => kv[1], StringComparer.Ordinal);
        return (double.Parse(fields["median_ms"], CultureInfo.InvariantCulture), double.Parse(fields["min_ms"], CultureInfo.InvariantCulture));
    }

    private static double Median(IEnumerable<double> values)
    {
        double[] sorted = [.. values.Order()];
        int half = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[half] : 0.5 * (sorted[half - 1] + sorted[half]);
    }
}
