using System.Runtime.Intrinsics;

namespace FaceMesh.Puppeteering;

/// <summary>
/// Cholesky factor of a sparse symmetric positive definite matrix, with its unknowns renumbered by
/// reverse Cuthill–McKee so the factor fits in a narrow band. A face mesh's LᵀL couples each vertex
/// with its two-ring only; after renumbering the band is a few dozen wide, so a solve touches
/// n × band entries instead of the n² of a dense factor. Solves three right-hand sides (x, y, z)
/// at once, in double precision, without allocating.
/// </summary>
internal sealed class BandedCholesky
{
    private readonly int _n;
    private readonly int _band;
    // Row i holds L(i, i − band .. i), so a row's entries are contiguous.
    private readonly double[] _factor;
    private readonly int[] _order;

    /// <param name="matrix">Row-major n × n, symmetric positive definite; read only.</param>
    /// <exception cref="ArgumentException">The matrix is not positive definite.</exception>
    public BandedCholesky(double[] matrix, int n)
    {
        _n = n;
        _order = ReverseCuthillMcKee(matrix, n);
        var position = new int[n];
        for (int i = 0; i < n; i++) position[_order[i]] = i;
        int band = 0;
        for (int p = 0; p < n; p++)
            for (int q = 0; q < n; q++)
                if (matrix[p * n + q] != 0) band = Math.Max(band, Math.Abs(position[p] - position[q]));
        _band = band;
        int width = band + 1;
        _factor = new double[n * width];
        for (int i = 0; i < n; i++)
        {
            for (int j = Math.Max(0, i - band); j <= i; j++)
            {
                double sum = matrix[_order[i] * n + _order[j]];
                int from = Math.Max(0, i - band);
                for (int k = Math.Max(from, j - band); k < j; k++) sum -= At(i, k) * At(j, k);
                if (j < i)
                {
                    _factor[i * width + j - i + band] = sum / At(j, j);
                }
                else
                {
                    if (!(sum > 0)) throw new ArgumentException("The system matrix is not positive definite.", nameof(matrix));
                    _factor[i * width + band] = Math.Sqrt(sum);
                }
            }
        }
    }

    public int Size => _n;

    /// <summary>Half-bandwidth after renumbering.</summary>
    public int Bandwidth => _band;

    /// <summary>
    /// Solves A x = b for the three columns at once. <paramref name="rightHandSide"/> is indexed by
    /// the original unknowns (x, y, z, unused); <paramref name="scratch"/> holds at least n vectors.
    /// The solution overwrites <paramref name="rightHandSide"/>.
    /// </summary>
    public void Solve(Span<Vector256<double>> rightHandSide, Span<Vector256<double>> scratch)
    {
        int n = _n, band = _band, width = band + 1;
        Span<Vector256<double>> y = scratch[..n];
        for (int i = 0; i < n; i++) y[i] = rightHandSide[_order[i]];
        ReadOnlySpan<double> factor = _factor;
        for (int i = 0; i < n; i++)
        {
            int rowBase = i * width - i + band;
            Vector256<double> sum = y[i];
            for (int k = Math.Max(0, i - band); k < i; k++) sum -= Vector256.Create(factor[rowBase + k]) * y[k];
            y[i] = sum / Vector256.Create(factor[rowBase + i]);
        }
        for (int i = n - 1; i >= 0; i--)
        {
            int rowBase = i * width - i + band;
            Vector256<double> xi = y[i] / Vector256.Create(factor[rowBase + i]);
            y[i] = xi;
            for (int k = Math.Max(0, i - band); k < i; k++) y[k] -= Vector256.Create(factor[rowBase + k]) * xi;
        }
        for (int i = 0; i < n; i++) rightHandSide[_order[i]] = y[i];
    }

    private double At(int i, int j) => _factor[i * (_band + 1) + j - i + _band];

    /// <summary>New position → original unknown, from a peripheral start, neighbours by rising degree, reversed.</summary>
    private static int[] ReverseCuthillMcKee(double[] matrix, int n)
    {
        var neighbours = new List<int>[n];
        for (int p = 0; p < n; p++)
        {
            neighbours[p] = [];
            for (int q = 0; q < n; q++)
                if (q != p && matrix[p * n + q] != 0) neighbours[p].Add(q);
        }
        foreach (List<int> list in neighbours) list.Sort((a, b) => neighbours[a].Count.CompareTo(neighbours[b].Count));
        var order = new List<int>(n);
        var visited = new bool[n];
        var queue = new Queue<int>();
        while (order.Count < n)
        {
            int start = -1;
            for (int p = 0; p < n; p++)
                if (!visited[p] && (start < 0 || neighbours[p].Count < neighbours[start].Count)) start = p;
            visited[start] = true;
            queue.Enqueue(start);
            while (queue.TryDequeue(out int p))
            {
                order.Add(p);
                foreach (int q in neighbours[p])
                    if (!visited[q])
                    {
                        visited[q] = true;
                        queue.Enqueue(q);
                    }
            }
        }
        order.Reverse();
        return [.. order];
    }
}
