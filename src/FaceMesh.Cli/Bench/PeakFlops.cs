using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace FaceMesh.Cli.Bench;

/// <summary>
/// Measures one core's FP32 fused-multiply-add throughput with the widest vector unit the
/// runtime's kernels use: the ceiling against which per-model GFLOP/s are judged.
/// </summary>
internal static class PeakFlops
{
    /// <summary>Vector width in floats that the measurement (and the kernels) use on this machine.</summary>
    public static int VectorWidth =>
        Vector512.IsHardwareAccelerated ? 16 : Vector256.IsHardwareAccelerated ? 8 : Vector128.IsHardwareAccelerated ? 4 : 1;

    public static double MeasureGflops(TimeSpan budget)
    {
        const long iterations = 2_000_000;
        Run(1000); // JIT the fully optimised body before timing
        double best = 0;
        var total = Stopwatch.StartNew();
        while (total.Elapsed < budget)
        {
            double seconds = BlockMicroseconds(iterations) / 1e6;
            // 12 chains x (2 flops per lane) per iteration.
            double flops = iterations * 12.0 * 2.0 * VectorWidth;
            best = Math.Max(best, flops / seconds / 1e9);
        }
        return best;
    }

    /// <summary>
    /// Wall time of one throughput-bound block of <paramref name="iterations"/> on the calling
    /// thread, in microseconds: also a probe of how fast this core is running right now.
    /// </summary>
    public static double BlockMicroseconds(long iterations)
    {
        long start = Stopwatch.GetTimestamp();
        float sum = Run(iterations);
        double microseconds = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
        return float.IsNaN(sum) ? double.NaN : microseconds;
    }

    /// <summary>
    /// How many cores' worth of FMA throughput <paramref name="threads"/> threads get at once
    /// (ideally <paramref name="threads"/>): on a shared VM the host may run two vCPUs on one core
    /// or not at all for a while, which no runtime can turn into a speed-up.
    /// </summary>
    public static double ParallelSpeedup(int threads)
    {
        if (threads < 2) return 1;
        // The host switches between a fast and a slow state every few tens of milliseconds: one
        // probe alone in the slow state and one together in the fast state made 2 threads look
        // like 3.07 cores. The best of three alternating probes of each compares like with like.
        const long iterations = 400_000;
        double alone = double.MaxValue, together = double.MaxValue;
        for (int probe = 0; probe < 3; probe++)
        {
            alone = Math.Min(alone, BlockMicroseconds(iterations));
            together = Math.Min(together, SlowestOfTogether(threads, iterations));
        }
        return threads * alone / together;
    }

    private static double SlowestOfTogether(int threads, long iterations)
    {
        var together = new double[threads];
        using var start = new Barrier(threads);
        var others = Enumerable.Range(1, threads - 1).Select(i => new Thread(() =>
        {
            start.SignalAndWait();
            together[i] = BlockMicroseconds(iterations);
        })).ToArray();
        foreach (Thread t in others) t.Start();
        start.SignalAndWait();
        together[0] = BlockMicroseconds(iterations);
        foreach (Thread t in others) t.Join();
        return together.Max();
    }

    // Twelve independent accumulator chains hide the FMA latency (4 cycles x 2 ports, plus slack),
    // so the loop is bound by throughput alone.
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static float Run(long iterations)
    {
        if (Vector512.IsHardwareAccelerated) return Run512(iterations);
        if (Vector256.IsHardwareAccelerated) return Run256(iterations);
        return RunScalar(iterations);
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static float Run512(long iterations)
    {
        var m = Vector512.Create(0.999999f);
        var c = Vector512.Create(1e-7f);
        Vector512<float> a0 = Vector512.Create(1f), a1 = a0 + c, a2 = a1 + c, a3 = a2 + c, a4 = a3 + c, a5 = a4 + c,
            a6 = a5 + c, a7 = a6 + c, a8 = a7 + c, a9 = a8 + c, a10 = a9 + c, a11 = a10 + c;
        for (long i = 0; i < iterations; i++)
        {
            a0 = Vector512.FusedMultiplyAdd(a0, m, c); a1 = Vector512.FusedMultiplyAdd(a1, m, c);
            a2 = Vector512.FusedMultiplyAdd(a2, m, c); a3 = Vector512.FusedMultiplyAdd(a3, m, c);
            a4 = Vector512.FusedMultiplyAdd(a4, m, c); a5 = Vector512.FusedMultiplyAdd(a5, m, c);
            a6 = Vector512.FusedMultiplyAdd(a6, m, c); a7 = Vector512.FusedMultiplyAdd(a7, m, c);
            a8 = Vector512.FusedMultiplyAdd(a8, m, c); a9 = Vector512.FusedMultiplyAdd(a9, m, c);
            a10 = Vector512.FusedMultiplyAdd(a10, m, c); a11 = Vector512.FusedMultiplyAdd(a11, m, c);
        }
        return Vector512.Sum(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11);
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static float Run256(long iterations)
    {
        var m = Vector256.Create(0.999999f);
        var c = Vector256.Create(1e-7f);
        Vector256<float> a0 = Vector256.Create(1f), a1 = a0 + c, a2 = a1 + c, a3 = a2 + c, a4 = a3 + c, a5 = a4 + c,
            a6 = a5 + c, a7 = a6 + c, a8 = a7 + c, a9 = a8 + c, a10 = a9 + c, a11 = a10 + c;
        for (long i = 0; i < iterations; i++)
        {
            a0 = Vector256.FusedMultiplyAdd(a0, m, c); a1 = Vector256.FusedMultiplyAdd(a1, m, c);
            a2 = Vector256.FusedMultiplyAdd(a2, m, c); a3 = Vector256.FusedMultiplyAdd(a3, m, c);
            a4 = Vector256.FusedMultiplyAdd(a4, m, c); a5 = Vector256.FusedMultiplyAdd(a5, m, c);
            a6 = Vector256.FusedMultiplyAdd(a6, m, c); a7 = Vector256.FusedMultiplyAdd(a7, m, c);
            a8 = Vector256.FusedMultiplyAdd(a8, m, c); a9 = Vector256.FusedMultiplyAdd(a9, m, c);
            a10 = Vector256.FusedMultiplyAdd(a10, m, c); a11 = Vector256.FusedMultiplyAdd(a11, m, c);
        }
        return Vector256.Sum(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11);
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static float RunScalar(long iterations)
    {
        float m = 0.999999f, c = 1e-7f;
        float a0 = 1, a1 = 1, a2 = 1, a3 = 1, a4 = 1, a5 = 1, a6 = 1, a7 = 1, a8 = 1, a9 = 1, a10 = 1, a11 = 1;
        for (long i = 0; i < iterations; i++)
        {
            a0 = MathF.FusedMultiplyAdd(a0, m, c); a1 = MathF.FusedMultiplyAdd(a1, m, c);
            a2 = MathF.FusedMultiplyAdd(a2, m, c); a3 = MathF.FusedMultiplyAdd(a3, m, c);
            a4 = MathF.FusedMultiplyAdd(a4, m, c); a5 = MathF.FusedMultiplyAdd(a5, m, c);
            a6 = MathF.FusedMultiplyAdd(a6, m, c); a7 = MathF.FusedMultiplyAdd(a7, m, c);
            a8 = MathF.FusedMultiplyAdd(a8, m, c); a9 = MathF.FusedMultiplyAdd(a9, m, c);
            a10 = MathF.FusedMultiplyAdd(a10, m, c); a11 = MathF.FusedMultiplyAdd(a11, m, c);
        }
        return a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11;
    }
}
