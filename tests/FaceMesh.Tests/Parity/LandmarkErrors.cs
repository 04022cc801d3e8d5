using System.Numerics;
using FaceMesh.Landmarks;

namespace FaceMesh.Tests.Parity;

/// <summary>
/// Landmark differences in percent of the inter-ocular distance (IOD: 2-D distance between the
/// midpoints of landmarks 33-133 and 362-263 of the reference), per subset of the mesh.
/// Distances are 3-D, in pixels, with z scaled by the image width as x is.
/// </summary>
internal sealed class LandmarkErrors
{
    private readonly Dictionary<string, List<double>> _errors = new();

    public static readonly string[] Subsets = ["mesh", "lips", "eyes", "irises"];

    public static double Iod(IReadOnlyList<Vector3> reference)
    {
        Vector2 Mid(int a, int b) => (new Vector2(reference[a].X, reference[a].Y) + new Vector2(reference[b].X, reference[b].Y)) / 2;
        return Vector2.Distance(Mid(33, 133), Mid(362, 263));
    }

    public void Add(IReadOnlyList<Vector3> reference, IReadOnlyList<Vector3> ours)
    {
        Assert.Equal(reference.Count, ours.Count);
        double iod = Iod(reference);
        Add("mesh", Enumerable.Range(0, reference.Count), reference, ours, iod);
        if (reference.Count < 478) return;
        Add("lips", ToArray(AttentionRefinement.Lips), reference, ours, iod);
        Add("eyes", ToArray(AttentionRefinement.LeftEye).Concat(ToArray(AttentionRefinement.RightEye)), reference, ours, iod);
        Add("irises", Enumerable.Range(468, 10), reference, ours, iod);
    }

    private static int[] ToArray(ReadOnlySpan<int> span) => span.ToArray();

    private void Add(string subset, IEnumerable<int> indices, IReadOnlyList<Vector3> reference, IReadOnlyList<Vector3> ours, double iod)
    {
        if (!_errors.TryGetValue(subset, out List<double>? list)) _errors[subset] = list = [];
        foreach (int i in indices) list.Add(100.0 * Vector3.Distance(reference[i], ours[i]) / iod);
    }

    public (double Mean, double P99, double Max, int Count) Summary(string subset)
    {
        if (!_errors.TryGetValue(subset, out List<double>? list) || list.Count == 0) return (0, 0, 0, 0);
        double[] sorted = list.Order().ToArray();
        double p99 = sorted[(int)Math.Ceiling(0.99 * (sorted.Length - 1))];
        return (sorted.Average(), p99, sorted[^1], sorted.Length);
    }

    public bool Has(string subset) => _errors.ContainsKey(subset);

    /// <summary>Asserts the bounds: mean at most 0.01% IOD and 99th percentile at most 0.05% IOD, per subset.</summary>
    public void AssertWithin(double meanPercent, double p99Percent, string what)
    {
        foreach (string subset in Subsets.Where(Has))
        {
            var (mean, p99, max, count) = Summary(subset);
            Assert.True(mean <= meanPercent && p99 <= p99Percent,
                $"{what} {subset}: mean {mean:F5}% IOD (bound {meanPercent}), p99 {p99:F5}% (bound {p99Percent}), max {max:F5}% over {count} points");
        }
    }

    public string Describe() => string.Join("; ", Subsets.Where(Has).Select(s =>
    {
        var (mean, p99, max, count) = Summary(s);
        return $"{s}: mean {mean:F5}% p99 {p99:F5}% max {max:F5}% IOD (n={count})";
    }));
}
