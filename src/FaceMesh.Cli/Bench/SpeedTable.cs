using System.Diagnostics;
using FaceMesh.Models;
using FaceMesh.Runtime;
using FaceMesh.Runtime.Model;

namespace FaceMesh.Cli.Bench;

/// <summary>
/// The Attention Mesh paper's Table 1 on this runtime, one thread: the mesh-only model, the attention
/// model, and the attention model's parts. Whole models are timed by alternating turns (as
/// <see cref="ModelBenchmark"/>); the parts come from the per-step profile of the attention model,
/// each part's share of the profiled time applied to the attention model's median.
/// </summary>
internal static class SpeedTable
{
    public sealed record Row(string Key, string Name, double Milliseconds, long Flops, bool IsPart);

    public sealed record Result(IReadOnlyList<Row> Rows, double PeakGflops, int VectorWidth, int Runs);

    public static Result Measure(int runs, TimeSpan peakBudget)
    {
        double peak = PeakFlops.MeasureGflops(peakBudget);
        ModelBenchmark.Result mesh = ModelBenchmark.Run("mesh", MediaPipeModel.FaceLandmark, runs, 1);
        ModelBenchmark.Result attention = ModelBenchmark.Run("attention", MediaPipeModel.FaceLandmarkWithAttention, runs, 1);

        TfLiteModel model = TfLiteModelReader.Read(MediaPipeModels.ReadAllBytes(MediaPipeModel.FaceLandmarkWithAttention));
        string[] partOfOperator = AttentionParts.OfOperators(model);
        var ticks = ProfileSteps(model, runs, out int[] operatorOfStep);
        Subgraph graph = model.Subgraphs[0];
        double totalTicks = ticks.Sum();
        var rows = new List<Row>
        {
            new("mesh", "Mesh (face_landmark, 468 points)", mesh.OneThread.Median, mesh.Flops, false),
            new("attention", "Attention mesh (face_landmark_with_attention, 478 points)", attention.OneThread.Median, attention.Flops, false),
        };
        foreach (string part in AttentionParts.Order)
        {
            double share = 0;
            for (int s = 0; s < ticks.Length; s++) if (partOfOperator[operatorOfStep[s]] == part) share += ticks[s] / totalTicks;
            long flops = 0;
            for (int o = 0; o < graph.Operators.Count; o++) if (partOfOperator[o] == part) flops += ModelFlops.OfOperator(model, graph, graph.Operators[o]);
            if (share == 0 && flops == 0) continue;
            rows.Add(new Row(AttentionParts.Key(part), part, share * attention.OneThread.Median, flops, true));
        }
        return new Result(rows, peak, PeakFlops.VectorWidth, runs);
    }

    private static long[] ProfileSteps(TfLiteModel model, int runs, out int[] operatorOfStep)
    {
        using var interpreter = new Interpreter(model, new InterpreterOptions { ThreadCount = 1 });
        Span<float> input = interpreter.GetInput(0);
        for (int i = 0; i < input.Length; i++) input[i] = 0.5f + 0.5f * MathF.Sin(i * 0.001f);
        var steps = interpreter.Graph.Steps;
        operatorOfStep = steps.Select(s => s.OpIndex).ToArray();
        var ticks = new long[steps.Count];
        long warmStart = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(warmStart).TotalMilliseconds < 300) interpreter.InvokeProfiled(ticks);
        Array.Clear(ticks);
        for (int r = 0; r < runs; r++) interpreter.InvokeProfiled(ticks);
        return ticks;
    }
}
