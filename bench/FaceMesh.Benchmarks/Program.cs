using BenchmarkDotNet.Running;
using FaceMesh.Benchmarks.Profiling;
using FaceMesh.Benchmarks.Thorough;

namespace FaceMesh.Benchmarks;

/// <summary>
/// Per-kernel and per-model benchmarks for regression hunting (not run in CI):
/// <c>dotnet run -c Release --project bench/FaceMesh.Benchmarks -- --filter '*' --job short</c>;
/// <c>-- profile [runs] [threads] [maxVectorBits]</c> prints a per-layer profile of the four models instead;
/// <c>-- thorough DATASET FACE_FREE_DIR [variant ...]</c> measures each part of the thorough mode on its own (see ThoroughAblation);
/// <c>-- thorough-offset TRAIN_DIR TEST_DIR [variant ...]</c> splits the NME into the vertex-vs-annotation offset and the rest (see ConventionOffset);
/// <c>-- halfweights [rounds] [runsPerRound] [maxVectorBits]</c> compares weights kept in half precision with float32 weights;
/// <c>-- pairs [runs] [rounds]</c> times the few-channel depthwise+1x1 pairs alone on both vector widths;
/// <c>-- scaling [runs] [threads]</c> compares 1 thread with N on each model;
/// <c>-- stages [blocks] [runsPerBlock] [model] [threads]</c> shows per block how the N-thread median moves with the machine.
/// </summary>
internal static class Program
{
    /// <summary>The tools run by their first argument; anything else goes to BenchmarkDotNet.</summary>
    private static readonly Dictionary<string, Action<string[]>> Tools = new(StringComparer.Ordinal)
    {
        ["scaling"] = ThreadScaling.Run,
        ["stages"] = StageJitter.Run,
        ["thorough-cost"] = ThoroughCost.Run,
        ["thorough-sweep"] = ThoroughSweep.Run,
        ["thorough"] = ThoroughAblation.Run,
        ["thorough-offset"] = ConventionOffset.Run,
        ["thorough-views"] = ThoroughViewScaling.Run,
        ["halfweights"] = HalfWeightsComparison.Run,
        ["pairs"] = PairBench.Run,
        ["profile"] = LayerProfiler.Run,
        ["xnn-paired"] = XnnPairedComparison.Run,
    };

    private static void Main(string[] args)
    {
        if (args.Length > 0 && Tools.TryGetValue(args[0], out Action<string[]>? tool))
        {
            tool(args);
            return;
        }
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
