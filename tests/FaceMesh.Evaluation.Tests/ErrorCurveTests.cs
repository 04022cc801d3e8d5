namespace FaceMesh.Evaluation.Tests;

public class ErrorCurveTests
{
    private static readonly double[] Errors = [0.02, 0.03, 0.09, double.PositiveInfinity];

    [Fact]
    public void Failure_rate_counts_errors_above_the_threshold_and_unmatched_faces()
    {
        Assert.Equal(0.5, ErrorCurve.FailureRate(Errors, 0.08));
        Assert.Equal(0.25, ErrorCurve.FailureRate(Errors, 0.10));
        Assert.Equal(0.25, ErrorCurve.FailureRate(Errors, 0.09)); // at the threshold is not a failure
        Assert.True(double.IsNaN(ErrorCurve.FailureRate([], 0.08)));
    }

    [Fact]
    public void Auc_is_the_exact_area_under_the_step_curve()
    {
        // Each face adds (limit - error) / (limit * n): (0.06 + 0.05) / 0.32 and (0.08 + 0.07 + 0.01) / 0.4.
        Assert.Equal(0.34375, ErrorCurve.Auc(Errors, 0.08), 12);
        Assert.Equal(0.4, ErrorCurve.Auc(Errors, 0.10), 12);
        Assert.Equal(1.0, ErrorCurve.Auc([0, 0], 0.08), 12);
        Assert.Equal(0.0, ErrorCurve.Auc([0.2, double.PositiveInfinity], 0.08), 12);
    }

    [Fact]
    public void Steps_trace_the_cumulative_fraction()
    {
        var steps = ErrorCurve.Steps(Errors, 0.10);
        Assert.Equal((0.0, 0.0), steps[0]);
        Assert.Equal((0.02, 0.25), steps[2]);
        Assert.Equal((0.09, 0.75), steps[^2]);
        Assert.Equal((0.10, 0.75), steps[^1]);
        Assert.Equal(0.75, ErrorCurve.Fraction(Errors, 0.095));
    }

    [Fact]
    public void Spread_has_mean_median_of_even_counts_and_sample_deviation()
    {
        Spread s = Spread.Of([4, 1, 3, 2]);
        Assert.Equal(2.5, s.Mean);
        Assert.Equal(2.5, s.Median);
        Assert.Equal(Math.Sqrt(5.0 / 3.0), s.StandardDeviation, 12);
        Assert.Equal(3.7, s.P90, 12);
        Assert.Equal(4, s.Count);
        Assert.True(double.IsNaN(Spread.Of([]).Mean));
    }
}
