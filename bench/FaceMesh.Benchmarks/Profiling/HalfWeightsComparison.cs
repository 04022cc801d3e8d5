using System.Diagnostics;
using System.Globalization;
using FaceMesh.Models;
using FaceMesh.Runtime;
using FaceMesh.Runtime.Kernels;
using FaceMesh.Runtime.Model;
using FaceMesh.Runtime.Tests;

namespace FaceMesh.Benchmarks.Profiling;

/// <summary>
/// Weights kept in half precision against the same weights widened to float32, in one process
/// and alternating rounds (the shared host's speed drifts within minutes): the landmark models'
/// one-pixel convolutions step by step and whole, and the mesh head alone on random halves.
/// <c>dotnet run -c Release --project bench/FaceMesh.Benchmarks -- halfweights [rounds] [runsPerRound] [maxVectorBits]</c>
/// </summary>
internal static class HalfWeightsComparison
{
    public static void Run(string[] args)
    {
        int rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 6;
        int runs = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 100;
        int bits = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 512;
        Compare("mesh head alone (3x3x32 -> 1x1x1404)", keep => MeshHead(keep, bits), rounds, runs);
        foreach (MediaPipeModel model in new[] { MediaPipeModel.FaceLandmark, MediaPipeModel.FaceLandmarkWithAttention })
        {
            byte[] bytes = MediaPipeModels.ReadAllBytes(model);
            Compare(model.ToString(), keep => Interpreter.Load(bytes,
                new InterpreterOptions { ThreadCount = 1, MaxVectorBits = bits, KeepHalfWeights = keep }), rounds, runs);
        }
    }

    private static void Compare(string name, Func<bool, Interpreter> load, int rounds, int runs)
    {
        using Interpreter half = load(true), single = load(false);
        var variants = new[] { (Label: "fp16", Interpreter: half), (Label: "fp32", Interpreter: single) };
        var wholeTimes = variants.Select(_ => new List<double>()).ToArray();
        int[] watched = half.Graph.Steps.Select((s, i) => (s, i)).Where(x => x.s.Kernel is SinglePixelConv2DKernel).Select(x => x.i).ToArray();
        var stepBest = variants.Select(_ => new double[watched.Length]).ToArray();
        foreach (double[] best in stepBest) Array.Fill(best, double.MaxValue);
        foreach (var (_, interpreter) in variants)
        {
            Span<float> input = interpreter.GetInput(0);
            for (int i = 0; i < input.Length; i++) input[i] = (i % 255) / 255f;
            for (int i = 0; i < 30; i++) interpreter.Invoke();
        }

        double toMs = 1000.0 / Stopwatch.Frequency;
        for (int round = 0; round < rounds; round++)
        {
            for (int v = 0; v < variants.Length; v++)
            {
                Interpreter interpreter = variants[(v + round) % 2].Interpreter;
                int slot = (v + round) % 2;
                var ticks = new long[interpreter.Graph.Steps.Count];
                for (int r = 0; r < runs; r++)
                {
                    long start = Stopwatch.GetTimestamp();
                    interpreter.Invoke();
                    wholeTimes[slot].Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                    Array.Clear(ticks);
                    interpreter.InvokeProfiled(ticks);
                    for (int w = 0; w < watched.Length; w++)
                        stepBest[slot][w] = Math.Min(stepBest[slot][w], StepTicks(interpreter, half, watched[w], ticks) * toMs);
                }
            }
        }

        Console.WriteLine($"== {name}: {rounds} alternating rounds of {runs} runs, one thread");
        for (int v = 0; v < variants.Length; v++)
        {
            List<double> times = wholeTimes[v];
            times.Sort();
            Console.WriteLine($"  {variants[v].Label} weights: whole min {times[0]:F4} ms, median {times[times.Count / 2]:F4} ms");
        }
        for (int w = 0; w < watched.Length; w++)
        {
            Kernel kernel = half.Graph.Steps[watched[w]].Kernel;
            double gflop = 2.0 * kernel.Cost / 1e6;
            Console.WriteLine($"  step #{watched[w],-3} {kernel.Describe(),-44} fp16 {stepBest[0][w]:F4} ms {gflop / stepBest[0][w],6:F1} GFLOP/s" +
                $" | fp32 {stepBest[1][w]:F4} ms {gflop / stepBest[1][w],6:F1} GFLOP/s");
        }
    }

    /// <summary>Ticks of the step that runs the same operator as <paramref name="reference"/>'s step.</summary>
    private static long StepTicks(Interpreter interpreter, Interpreter reference, int referenceStep, long[] ticks)
    {
        if (ReferenceEquals(interpreter, reference)) return ticks[referenceStep];
        int op = reference.Graph.Steps[referenceStep].OpIndex;
        var steps = interpreter.Graph.Steps;
        for (int s = 0; s < steps.Count; s++) if (steps[s].OpIndex == op) return ticks[s];
        throw new InvalidOperationException($"no step runs op {op}");
    }

    private static Interpreter MeshHead(bool keepHalfWeights, int bits)
    {
        var rng = new Random(7);
        const int OutChannels = 1404, Depth = 3 * 3 * 32;
        var b = new OpModelBuilder();
        int x = b.Input("x", 1, 3, 3, 32);
        int w = b.Constant("w", [OutChannels, 3, 3, 32], Halves(rng, OutChannels * Depth));
        int bias = b.Constant("b", [OutChannels], Halves(rng, OutChannels));
        int y = b.Output("y", 1, 1, 1, OutChannels);
        b.Op(BuiltinOperator.Conv2D, [x, w, bias], [y], new Conv2DOptions(Padding.Valid, 3, 3, FusedActivation.None, 1, 1));
        var interpreter = new Interpreter(b.Build(), new InterpreterOptions { ThreadCount = 1, MaxVectorBits = bits, KeepHalfWeights = keepHalfWeights });
        return interpreter;
    }

    private static float[] Halves(Random rng, int count) =>
        Enumerable.Range(0, count).Select(_ => (float)(Half)(rng.NextSingle() - 0.5f)).ToArray();
}
