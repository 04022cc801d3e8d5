using System.Diagnostics;
using FaceMesh.Models;
using FaceMesh.Runtime;
using FaceMesh.Runtime.Model;

namespace FaceMesh.Cli.Bench;

/// <summary>
/// The Attention Mesh paper's Table 1 on this runtime, one thread: the mesh-only model, the attention
/// model, and the attention model's parts. The two models and the attention model's per-step profile
/// take turns of a few inferences each, so all three see the same phases of a shared machine; each
/// part's share of the profiled time is applied to the attention model's median.
/// </summary>
internal static class SpeedTable
{
    public sealed record Row(string Key, string Name, double Milliseconds, long Flops, bool IsPart);

    public sealed record Result(IReadOnlyList<Row> Rows, double PeakGflops, int VectorWidth, int Runs);

    private const int TurnLength = 10;

    public static Result Measure(int runs, TimeSpan peakBudget)
    {
        double peak = PeakFlops.MeasureGflops(peakBudget);
        TfLiteModel meshModel = TfLiteModelReader.Read(MediaPipeModels.ReadAllBytes(MediaPipeModel.FaceLandmark));
        TfLiteModel attentionModel = TfLiteModelReader.Read(MediaPipeModels.ReadAllBytes(MediaPipeModel.FaceLandmarkWithAttention));
        using Interpreter mesh = Prepare(meshModel);
        using Interpreter attention = Prepare(attentionModel);

        var meshMs = new double[runs];
        var attentionMs = new double[runs];
        var ticks = new long[attention.Graph.Steps.Count];
        for (int done = 0; done < runs; done += TurnLength)
        {
            int turn = Math.Min(TurnLength, runs - done);
            TimeTurn(mesh, meshMs, done, turn);
            TimeTurn(attention, attentionMs, done, turn);
            for (int i = 0; i < turn; i++) attention.InvokeProfiled(ticks);
        }
        double meshMedian = Median(meshMs), attentionMedian = Median(attentionMs);

        string[] partOfOperator = AttentionParts.OfOperators(attentionModel);
        int[] operatorOfStep = attention.Graph.Steps.Select(s => s.OpIndex).ToArray();
        Subgraph graph = attentionModel.Subgraphs[0];
        double totalTicks = ticks.Sum();
        var rows = new List<Row>
        {
            new("mesh", "Mesh (face_landmark, 468 points)", meshMedian, ModelFlops.Count(meshModel), false),
            new("attention", "Attention mesh (face_landmark_with_attention, 478 points)", attentionMedian, ModelFlops.Count(attentionModel), false),
        };
        foreach (string part in AttentionParts.Order)
        {
            double share = 0;
            for (int s = 0; s < ticks.Length; s++) if (partOfOperator[operatorOfStep[s]] == part) share += ticks[s] / totalTicks;
            long flops = 0;
            for (int o = 0; o < graph.Operators.Count; o++) if (partOfOperator[o] == part) flops += ModelFlops.OfOperator(attentionModel, graph, graph.Operators[o]);
            if (share == 0 && flops == 0) continue;
            rows.Add(new Row(AttentionParts.Key(part), part, share * attentionMedian, flops, true));
        }
        return new Result(rows, peak, PeakFlops.VectorWidth, runs);
    }

    private static Interpreter Prepare(TfLiteModel model)
    {
        var interpreter = new Interpreter(model, new InterpreterOptions { ThreadCount = 1 });
        Span<float> input = interpreter.GetInput(0);
        for (int i = 0; i < input.Length; i++) input[i] = 0.5f + 0.5f * MathF.Sin(i * 0.001f);
        // Warm up by time too: tiered JIT promotes methods a while after their 30th call.
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < 30 || Stopwatch.GetElapsedTime(start).TotalMilliseconds < 300; i++) interpreter.Invoke();
        return interpreter;
    }

    private static void TimeTurn(Interpreter interpreter, double[] samples, int first, int count)
    {
        for (int i = first; i < first + count; i++)
        {
            long start = Stopwatch.GetTimestamp();
            interpreter.Invoke();
            samples[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
    }

    private static double Median(double[] samples) => Stats.Of(samples).Median;
}
