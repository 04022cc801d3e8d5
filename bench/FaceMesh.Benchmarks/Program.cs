using BenchmarkDotNet.Running;
using FaceMesh.Benchmarks.Profiling;
using FaceMesh.Benchmarks.Thorough;

namespace FaceMesh.Benchmarks;

/// <summary>
/// Per-kernel and per-model benchmarks for regression hunting (not run in CI):
/// <c>dotnet run -c Release --project bench/FaceMesh.Benchmarks -- --filter '*' --job short</c>;
/// <c>-- profile [runs] [threads] [maxVectorBits]</c> prints a per-layer profile of the four models instead;
/// <c>-- thorough DATASET FACE_FREE_DIR [variant ...]</c> measures each part of the thorough mode on its own (see ThoroughAblation);
/// <c>-- pairs [runs] [rounds]</c> times the few-channel depthwise+1x1 pairs alone on both vector widths;
/// <c>-- scaling [runs] [threads]</c> compares 1 thread with N on each model;
/// <c>-- stages [blocks] [runsPerBlock] [model] [threads]</c> shows per block how the N-thread median moves with the machine.
/// </summary>
internal static class Program
{
    private static void Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "scaling")
        {
            ThreadScaling.Run(args);
            return;
        }
        if (args.Length > 0 && args[0] == "stages")
        {
            StageJitter.Run(args);
            return;
        }
        if (args.Length > 0 && args[0] == "thorough-cost")
        {
            ThoroughCost.Run(args);
            return;
        }
        if (args.Length > 0 && args[0] == "thorough-sweep")
        {
            ThoroughSweep.Run(args);
            return;
        }
        if (args.Length > 0 && args[0] == "thorough")
        {
            ThoroughAblation.Run(args);
            return;
        }
        if (args.Length > 0 && args[0] == "pairs")
        {
            PairBench.Run(args);
            return;
        }
        if (args.Length > 0 && args[0] == "profile")
        {
            LayerProfiler.Run(args);
            return;
        }
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
