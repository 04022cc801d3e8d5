using System.Diagnostics;
using System.Globalization;
using FaceMesh.Runtime;
using FaceMesh.Runtime.Model;
using FaceMesh.Runtime.Tests;

namespace FaceMesh.Benchmarks.Profiling;

/// <summary>
/// The fused depthwise 3x3 + 1x1 pairs with few channels at 96x96 (the slowest steps of the
/// landmark models and the full-range detector), and two of the short-range detector's whose
/// channels are not whole 256-bit vectors, each as a one-step model on random data, timed
/// on the 512-bit and 256-bit paths in alternating rounds:
/// <c>dotnet run -c Release --project bench/FaceMesh.Benchmarks -- pairs [runs] [rounds]</c>;
/// <c>-- pairs [runs] 1 split</c> times each pair's two layers as separate steps instead.
/// </summary>
internal static class PairBench
{
    private sealed record Shape(string Name, int Size, int Channels, int OutChannels, bool Residual, FusedActivation DepthwiseActivation, bool PRelu);

    private static readonly Shape[] Shapes =
    [
        new("landmark 96x96 16->16 +res +prelu", 96, 16, 16, true, FusedActivation.None, true),
        new("full-range 96x96 32->8", 96, 32, 8, false, FusedActivation.None, false),
        new("full-range 96x96 8->32 +res +relu", 96, 8, 32, true, FusedActivation.None, false),
        new("landmark 48x48 32->32 +res +prelu", 48, 32, 32, true, FusedActivation.None, true),
        new("short 64x64 24->28 +res +relu", 64, 24, 28, true, FusedActivation.None, false),
        new("short 32x32 36->42 +res +relu", 32, 36, 42, true, FusedActivation.None, false),
        // The two 96x96 pairs again at a quarter of the pixels, whose tensors fit a 512 KB L2:
        // GFLOP/s that rise here mean the 96x96 pairs wait on the cache, not on arithmetic.
        new("landmark 48x48 16->16 +res +prelu (L2)", 48, 16, 16, true, FusedActivation.None, true),
        new("full-range 48x48 8->32 +res +relu (L2)", 48, 8, 32, true, FusedActivation.None, false),
    ];

    public static void Run(string[] args)
    {
        int runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 300;
        int rounds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3;
        if (args.Length > 3 && args[3] == "split")
        {
            Split(runs);
            return;
        }
        int[] widths = [512, 256];
        var models = Shapes.SelectMany(s => widths.Select(bits => (Shape: s, Bits: bits, Model: Build(s, bits)))).ToArray();
        var minima = new double[models.Length][];
        for (int m = 0; m < models.Length; m++) minima[m] = new double[rounds];
        var medians = new double[models.Length][];
        for (int m = 0; m < models.Length; m++) medians[m] = new double[rounds];
        foreach (var entry in models)
        {
            for (int i = 0; i < 30; i++) entry.Model.Invoke();
        }
        for (int round = 0; round < rounds; round++)
        {
            for (int m = 0; m < models.Length; m++)
            {
                var times = new double[runs];
                for (int r = 0; r < runs; r++)
                {
                    long start = Stopwatch.GetTimestamp();
                    models[m].Model.Invoke();
                    times[r] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                }
                Array.Sort(times);
                minima[m][round] = times[0];
                medians[m][round] = times[runs / 2];
            }
        }
        for (int m = 0; m < models.Length; m++)
        {
            var (shape, bits, model) = models[m];
            long macs = (long)shape.Size * shape.Size * shape.Channels * (9 + shape.OutChannels);
            double min = minima[m].Min(), median = medians[m].Order().ElementAt(rounds / 2);
            string steps = string.Join(" | ", model.Graph.Steps.Select(s => s.Kernel.GetType().Name));
            Console.WriteLine($"{shape.Name,-40} {bits}-bit  min {min * 1000,7:F1} us ({2.0 * macs / (min * 1e6),6:F1} GFLOP/s)  " +
                $"median {median * 1000,7:F1} us ({2.0 * macs / (median * 1e6),6:F1} GFLOP/s)  [{steps}]");
            model.Dispose();
        }
    }

    /// <summary>Each pair unfused (the intermediate made a graph output): how the time splits between the two layers.</summary>
    private static void Split(int runs)
    {
        foreach (Shape shape in Shapes)
        {
            foreach (int bits in new[] { 512, 256 })
            {
                using Interpreter model = Build(shape, bits, exposeIntermediate: true);
                var best = new long[model.Graph.Steps.Count];
                Array.Fill(best, long.MaxValue);
                var once = new long[best.Length];
                for (int r = 0; r < runs + 30; r++)
                {
                    Array.Clear(once);
                    model.InvokeProfiled(once);
                    if (r < 30) continue;
                    for (int i = 0; i < best.Length; i++) best[i] = Math.Min(best[i], once[i]);
                }
                string parts = string.Join(", ", model.Graph.Steps.Select((step, i) =>
                    $"{step.Kernel.OpName} {best[i] * 1e6 / Stopwatch.Frequency:F1} us"));
                Console.WriteLine($"unfused {shape.Name,-36} {bits}-bit: {parts}");
            }
        }
    }

    private static Interpreter Build(Shape s, int bits, bool exposeIntermediate = false)
    {
        var rng = new Random(7);
        var b = new OpModelBuilder();
        int x = b.Input("x", 1, s.Size, s.Size, s.Channels);
        int hidden = exposeIntermediate ? b.Output("dw", 1, s.Size, s.Size, s.Channels) : b.Tensor("dw", [1, s.Size, s.Size, s.Channels]);
        b.Op(BuiltinOperator.DepthwiseConv2D, [x, b.Constant("dw/w", [1, 3, 3, s.Channels], Random(rng, 9 * s.Channels)),
            b.Constant("dw/b", [s.Channels], Random(rng, s.Channels))], [hidden],
            new DepthwiseConv2DOptions(Padding.Same, 1, 1, 1, s.DepthwiseActivation, 1, 1));
        int conv = s.Residual ? b.Tensor("pw", [1, s.Size, s.Size, s.OutChannels]) : b.Output("y", 1, s.Size, s.Size, s.OutChannels);
        b.Op(BuiltinOperator.Conv2D, [hidden, b.Constant("pw/w", [s.OutChannels, 1, 1, s.Channels], Random(rng, s.OutChannels * s.Channels)),
            b.Constant("pw/b", [s.OutChannels], Random(rng, s.OutChannels))], [conv],
            new Conv2DOptions(Padding.Valid, 1, 1, FusedActivation.None, 1, 1));
        if (s.Residual)
        {
            int shortcut = s.OutChannels == s.Channels ? x : b.Input("shortcut", 1, s.Size, s.Size, s.OutChannels);
            if (s.PRelu)
            {
                int sum = b.Tensor("sum", [1, s.Size, s.Size, s.OutChannels]);
                b.Op(BuiltinOperator.Add, [conv, shortcut], [sum], new ArithmeticOptions(FusedActivation.None));
                b.Op(BuiltinOperator.PRelu, [sum, b.Constant("alpha", [1, 1, s.OutChannels], Random(rng, s.OutChannels))],
                    [b.Output("y", 1, s.Size, s.Size, s.OutChannels)]);
            }
            else
            {
                b.Op(BuiltinOperator.Add, [conv, shortcut], [b.Output("y", 1, s.Size, s.Size, s.OutChannels)], new ArithmeticOptions(FusedActivation.Relu));
            }
        }
        var interpreter = new Interpreter(b.Build(), new InterpreterOptions { ThreadCount = 1, MaxVectorBits = bits });
        for (int i = 0; i < interpreter.Inputs.Count; i++) Random(rng, interpreter.GetInput(i).Length).CopyTo(interpreter.GetInput(i));
        return interpreter;
    }

    private static float[] Random(Random rng, int count)
    {
        var values = new float[count];
        for (int i = 0; i < count; i++) values[i] = (float)(rng.NextDouble() * 2 - 1);
        return values;
    }
}
