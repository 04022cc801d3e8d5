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

    /// <summary>Invocations per turn when the one-thread and all-thread interpreters take turns.</summary>
    private const int TurnLength = 10;

    public static Result Run(string key, MediaPipeModel model, int runs, int allThreads)
    {
        byte[] bytes = MediaPipeModels.ReadAllBytes(model);
        TfLiteModel parsed = TfLiteModelReader.Read(bytes);
        long flops = ModelFlops.Count(parsed);
        using var one = Prepare(parsed, 1, runs);
        if (allThreads <= 1)
        {
            Stats alone = Stats.Of(Time([one], runs)[0]);
            return new Result(key, MediaPipeModels.FileName(model), flops, alone, alone, allThreads);
        }
        using var all = Prepare(parsed, allThreads, runs);
        double[][] samples = Time([one, all], runs);
        return new Result(key, MediaPipeModels.FileName(model), flops, Stats.Of(samples[0]), Stats.Of(samples[1]), allThreads);
    }

    private static Interpreter Prepare(TfLiteModel model, int threads, int runs)
    {
        var interpreter = new Interpreter(model, new InterpreterOptions { ThreadCount = threads });
        FillDeterministic(interpreter.GetInput(0));
        // Warm up by time as well as count: tiered JIT promotes the remaining methods a while after
        // their 30th call, so the first model timed used to include not-yet-optimised code.
        long warmStart = Stopwatch.GetTimestamp();
        for (int i = 0; i < Math.Max(10, runs / 10) || Stopwatch.GetElapsedTime(warmStart).TotalMilliseconds < 300; i++) interpreter.Invoke();
        return interpreter;
    }

    /// <summary>
    /// Times <paramref name="runs"/> invocations of each interpreter, taking turns of a few
    /// invocations each, so that all of them see the same phases of a shared machine and their
    /// ratio (the thread speed-up) does not depend on what the neighbours did in between.
    /// </summary>
    private static double[][] Time(Interpreter[] interpreters, int runs)
    {
        double[][] samples = interpreters.Select(_ => new double[runs]).ToArray();
        for (int done = 0; done < runs; done += TurnLength)
        {
            int turn = Math.Min(TurnLength, runs - done);
            for (int k = 0; k < interpreters.Length; k++)
            {
                Interpreter interpreter = interpreters[k];
                interpreter.Invoke(); // the first call after another interpreter's turn pays for waking its threads
                for (int i = done; i < done + turn; i++)
                {
                    long start = Stopwatch.GetTimestamp();
                    interpreter.Invoke();
                    samples[k][i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                }
            }
        }
        return samples;
    }

    // A smooth pattern in [0, 1]: realistic magnitudes without depending on an image file.
    private static void FillDeterministic(Span<float> input)
    {
        for (int i = 0; i < input.Length; i++) input[i] = 0.5f + 0.5f * MathF.Sin(i * 0.001f);
    }
}
