namespace FaceMesh.Cli.Bench;

/// <summary>Order statistics of a set of timings (milliseconds).</summary>
internal readonly record struct Stats(double Median, double P90, double Min)
{
    public static Stats Of(double[] samples)
    {
        if (samples.Length == 0) throw new ArgumentException("No samples.", nameof(samples));
        double[] sorted = (double[])samples.Clone();
        Array.Sort(sorted);
        return new Stats(Percentile(sorted, 0.5), Percentile(sorted, 0.9), sorted[0]);
    }

    private static double Percentile(double[] sorted, double q)
    {
        double rank = q * (sorted.Length - 1);
        int lo = (int)Math.Floor(rank);
        int hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
    }
}
