using System.Diagnostics;
using System.Globalization;
using FaceMesh.Models;
using FaceMesh.Runtime;

namespace FaceMesh.Benchmarks.Profiling;

/// <summary>
/// 1-thread versus N-thread speed of each model, measured in alternating blocks so that both see
/// the same background load on a shared machine; prints minima and medians and their ratios.
/// <c>dotnet run -c Release --project bench/FaceMesh.Benchmarks -- scaling [runs] [threads]</c>
/// </summary>
internal static class ThreadScaling
{
    private const int BlockRuns = 20;

    public static void Run(string[] args)
    {
        int runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1000;
        int threads = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 2;
        foreach (MediaPipeModel model in (MediaPipeModel[])[MediaPipeModel.FaceDetectionShortRange, MediaPipeModel.FaceDetectionFullRange,
                     MediaPipeModel.FaceLandmark, MediaPipeModel.FaceLandmarkWithAttention])
            Measure(model, runs, threads);
    }

    private static void Measure(MediaPipeModel model, int runs, int threads)
    {
        byte[] bytes = MediaPipeModels.ReadAllBytes(model);
        using var one = Interpreter.Load(bytes, new InterpreterOptions { ThreadCount = 1 });
        using var many = Interpreter.Load(bytes, new InterpreterOptions { ThreadCount = threads });
        foreach (Interpreter interpreter in (Interpreter[])[one, many])
        {
            Span<float> input = interpreter.GetInput(0);
            for (int i = 0; i < input.Length; i++) input[i] = (i % 255) / 255f;
        }
        var warm = Stopwatch.StartNew();
        while (warm.ElapsedMilliseconds < 500)
        {
            one.Invoke();
            many.Invoke();
        }

        var single = new double[runs];
        var multi = new double[runs];
        for (int done = 0; done < runs; done += BlockRuns)
        {
            int n = Math.Min(BlockRuns, runs - done);
            Time(one, single.AsSpan(done, n));
            Time(many, multi.AsSpan(done, n));
        }
        Array.Sort(single);
        Array.Sort(multi);
        double minRatio = single[0] / multi[0], medianRatio = single[runs / 2] / multi[runs / 2];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{model,-26} 1T min {single[0]:F3} median {single[runs / 2]:F3} | {threads}T min {multi[0]:F3} median {multi[runs / 2]:F3} ms | speed-up min {minRatio:F2}x median {medianRatio:F2}x"));
    }

    private static void Time(Interpreter interpreter, Span<double> samples)
    {
        for (int i = 0; i < samples.Length; i++)
        {
            long start = Stopwatch.GetTimestamp();
            interpreter.Invoke();
            samples[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
    }
}
