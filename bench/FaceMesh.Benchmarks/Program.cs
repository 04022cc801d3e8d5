using BenchmarkDotNet.Running;

namespace FaceMesh.Benchmarks;

/// <summary>
/// Per-kernel and per-model benchmarks for regression hunting (not run in CI):
/// <c>dotnet run -c Release --project bench/FaceMesh.Benchmarks -- --filter '*'</c>.
/// </summary>
internal static class Program
{
    private static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
