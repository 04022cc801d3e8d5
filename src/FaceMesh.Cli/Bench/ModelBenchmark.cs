using System.Diagnostics;
using FaceMesh.Models;
using FaceMesh.Runtime;
using FaceMesh.Runtime.Model;

namespace FaceMesh.Cli.Bench;

/// <summary>Times one model's Invoke on a fixed input, on a given number of threads.</summary>
internal static class ModelBenchmark
{
    public sealed record Result(string Key, string File, long Flops, Stats OneThread, Stats AllThreads, int AllThreadCount);

    public static readonly (string Key, MediaPipeModel Model)[] Models =
    [
        ("detectorShort", MediaPipeModel.FaceDetectionShortRange),
        ("detectorFull", MediaPipeModel.FaceDetectionFullRange),
        ("mesh", MediaPipeModel.FaceLandmark),
        ("attention", MediaPipeModel.FaceLandmarkWithAttention),
    ];

    public static Result Run(string key, MediaPipeModel model, int runs, int allThreads)
    {
        byte[] bytes = MediaPipeModels.ReadAllBytes(model);
        TfLiteModel parsed = TfLiteModelReader.Read(bytes);
        long flops = ModelFlops.Count(parsed);
        Stats one = Time(parsed, 1, runs);
        Stats all = allThreads > 1 ? Time(parsed, allThreads, runs) : one;
        return new Result(key, MediaPipeModels.FileName(model), flops, one, all, allThreads);
    }

    private static Stats Time(TfLiteModel model, int threads, int runs)
    {
        using var interpreter = new Interpreter(model, new InterpreterOptions { ThreadCount = threads });
        FillDeterministic(interpreter.GetInput(0));
        // Warm up by time as well as count: tiered JIT promotes the remaining methods a while after
        // their 30th call, so the first model timed used to include not-yet-optimised code.
        long warmStart = Stopwatch.GetTimestamp();
        for (int i = 0; i < Math.Max(10, runs / 10) || Stopwatch.GetElapsedTime(warmStart).TotalMilliseconds < 300; i++) interpreter.Invoke();
        var samples = new double[runs];
        for (int i = 0; i < runs; i++)
        {
            long start = Stopwatch.GetTimestamp();
            interpreter.Invoke();
            samples[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        return Stats.Of(samples);
    }

    // A smooth pattern in [0, 1]: realistic magnitudes without depending on an image file.
    private static void FillDeterministic(Span<float> input)
    {
        for (int i = 0; i < input.Length; i++) input[i] = 0.5f + 0.5f * MathF.Sin(i * 0.001f);
    }
}
