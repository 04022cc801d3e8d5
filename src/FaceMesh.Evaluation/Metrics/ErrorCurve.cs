namespace FaceMesh.Evaluation;

/// <summary>
/// The cumulative error distribution (CED) of per-face errors and the figures read from it. An
/// annotated face that no prediction matched counts with an infinite error: it is a failure at every
/// threshold and never reaches the curve.
/// </summary>
public static class ErrorCurve
{
    /// <summary>Fraction of faces whose error is above <paramref name="threshold"/> (strictly).</summary>
    public static double FailureRate(IReadOnlyList<double> errors, double threshold)
    {
        if (errors.Count == 0) return double.NaN;
        return errors.Count(e => !(e <= threshold)) / (double)errors.Count;
    }

    /// <summary>
    /// Area under the CED on [0, <paramref name="limit"/>] divided by <paramref name="limit"/> (1 = every
    /// face perfect). Computed exactly: face i contributes max(0, limit - e_i) / (limit * n), the area of
    /// its step in the curve, so no sampling of the curve is involved.
    /// </summary>
    public static double Auc(IReadOnlyList<double> errors, double limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        if (errors.Count == 0) return double.NaN;
        double area = 0;
        foreach (double e in errors) if (e < limit) area += limit - e;
        return area / (limit * errors.Count);
    }

    /// <summary>CED(e) = fraction of faces with error at most <paramref name="error"/>.</summary>
    public static double Fraction(IReadOnlyList<double> errors, double error) =>
        errors.Count == 0 ? double.NaN : errors.Count(e => e <= error) / (double)errors.Count;

    /// <summary>
    /// The CED as the corners of its step function on [0, <paramref name="limit"/>]: (error, fraction) pairs
    /// ready to be joined by straight lines.
    /// </summary>
    public static IReadOnlyList<(double Error, double Fraction)> Steps(IReadOnlyList<double> errors, double limit)
    {
        var sorted = errors.Where(e => e <= limit).Order().ToArray();
        double n = errors.Count;
        var steps = new List<(double, double)> { (0, 0) };
        for (int i = 0; i < sorted.Length; i++)
        {
            steps.Add((sorted[i], i / n));
            steps.Add((sorted[i], (i + 1) / n));
        }
        steps.Add((limit, n == 0 ? 0 : sorted.Length / n));
        return steps;
    }
}
