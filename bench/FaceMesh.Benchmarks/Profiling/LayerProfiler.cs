using System.Diagnostics;
using System.Globalization;
using FaceMesh.Models;
using FaceMesh.Runtime;
using FaceMesh.Runtime.Kernels;

namespace FaceMesh.Benchmarks.Profiling;

/// <summary>
/// Quick per-layer profile of the shipped models, for finding which kernels to work on next:
/// whole-model minimum and median over many runs (the machine is shared, so the minimum is the
/// steadier figure), then time and GFLOP/s per operator type and for the slowest steps.
/// <c>dotnet run -c Release --project bench/FaceMesh.Benchmarks -- profile [runs] [threads] [maxVectorBits] [model name part]</c>
/// </summary>
internal static class LayerProfiler
{
    public static void Run(string[] args)
    {
        int runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 300;
        int threads = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1;
        int bits = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 512;
        string? only = args.Length > 4 ? args[4] : null;
        foreach (MediaPipeModel model in Models.Where(m => only is null || m.ToString().Contains(only, StringComparison.OrdinalIgnoreCase)))
            Profile(model, runs, threads, bits);
    }

    private static readonly MediaPipeModel[] Models =
    [
        MediaPipeModel.FaceDetectionShortRange, MediaPipeModel.FaceDetectionFullRange,
        MediaPipeModel.FaceLandmark, MediaPipeModel.FaceLandmarkWithAttention,
    ];

    private static void Profile(MediaPipeModel model, int runs, int threads, int bits)
    {
        using var interpreter = Interpreter.Load(MediaPipeModels.ReadAllBytes(model),
            new InterpreterOptions { ThreadCount = threads, MaxVectorBits = bits });
        Span<float> input = interpreter.GetInput(0);
        for (int i = 0; i < input.Length; i++) input[i] = (i % 255) / 255f;
        for (int i = 0; i < 50; i++) interpreter.Invoke();

        var whole = new double[runs];
        for (int r = 0; r < runs; r++)
        {
            long start = Stopwatch.GetTimestamp();
            interpreter.Invoke();
            whole[r] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        Array.Sort(whole);

        var steps = interpreter.Graph.Steps;
        var ticks = new long[steps.Count];
        var best = new long[steps.Count];
        Array.Fill(best, long.MaxValue);
        var once = new long[steps.Count];
        for (int r = 0; r < runs; r++)
        {
            Array.Clear(once);
            interpreter.InvokeProfiled(once);
            for (int s = 0; s < steps.Count; s++)
            {
                ticks[s] += once[s];
                best[s] = Math.Min(best[s], once[s]);
            }
        }

        double toMs = 1000.0 / Stopwatch.Frequency;
        double sumBest = best.Sum() * toMs;
        Console.WriteLine($"== {model} ({threads} thread{(threads > 1 ? "s" : "")}, {steps.Count} steps, {bits}-bit cap): " +
            $"min {whole[0]:F3} ms, median {whole[runs / 2]:F3} ms; per-step minima sum to {sumBest:F3} ms");
        foreach (var group in steps.Select((s, i) => (s.Kernel, Ms: best[i] * toMs)).GroupBy(x => x.Kernel.OpName)
                     .OrderByDescending(g => g.Sum(x => x.Ms)))
        {
            double ms = group.Sum(x => x.Ms);
            long macs = group.Sum(x => MultiplyAdds(x.Kernel));
            string rate = macs > 0 ? $"{2.0 * macs / (ms * 1e6):F1} GFLOP/s" : "";
            Console.WriteLine($"  {group.Key,-24} x{group.Count(),3} {ms,7:F3} ms {100 * ms / sumBest,5:F1} % {rate}");
        }
        Console.WriteLine("  slowest steps:");
        foreach (var (kernel, ms, index) in steps.Select((s, i) => (s.Kernel, Ms: best[i] * toMs, i)).OrderByDescending(x => x.Ms).Take(8))
        {
            string rate = MultiplyAdds(kernel) > 0 ? $"{2.0 * MultiplyAdds(kernel) / (ms * 1e6):F1} GFLOP/s" : "";
            Console.WriteLine($"    #{index,-3} {kernel.OpName,-20} {ms,7:F4} ms  {kernel.Describe(),-40} {rate}");
        }
    }

    private static long MultiplyAdds(Kernel kernel) => kernel switch
    {
        DepthwisePointwiseKernel pair => pair.MultiplyAdds,
        { OpName: "Conv2D" or "DepthwiseConv2D" } => kernel.Cost,
        _ => 0,
    };
}
