namespace FaceMesh.Evaluation;

/// <summary>Mean, median, standard deviation and 90th percentile of a set of per-face errors.</summary>
public readonly record struct Spread(double Mean, double Median, double StandardDeviation, double P90, int Count)
{
    public static Spread Of(IEnumerable<double> values)
    {
        double[] sorted = values.Order().ToArray();
        if (sorted.Length == 0) return new Spread(double.NaN, double.NaN, double.NaN, double.NaN, 0);
        double mean = sorted.Average();
        double variance = sorted.Length > 1 ? sorted.Sum(v => (v - mean) * (v - mean)) / (sorted.Length - 1) : 0;
        return new Spread(mean, Percentile(sorted, 0.5), Math.Sqrt(variance), Percentile(sorted, 0.9), sorted.Length);
    }

    /// <summary>Linear interpolation between closest ranks (the median of an even count is the mean of the middle two).</summary>
    private static double Percentile(double[] sorted, double q)
    {
        double rank = q * (sorted.Length - 1);
        int lo = (int)Math.Floor(rank);
        int hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
    }
}
