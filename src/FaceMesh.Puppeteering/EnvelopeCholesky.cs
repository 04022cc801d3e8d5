using System.Runtime.Intrinsics;

namespace FaceMesh.Puppeteering;

/// <summary>
/// Cholesky factor of a sparse symmetric positive definite matrix in envelope (skyline) form, with
/// its unknowns renumbered by reverse Cuthill–McKee so each row's first nonzero lies close to the
/// diagonal. Cholesky creates no fill outside a row's envelope, so a face mesh's LᵀL (which couples
/// each vertex with its two-ring only) factors into a few dozen entries per row instead of the n of
/// a dense factor, and a solve touches only those. Solves three right-hand sides (x, y, z) at
/// once, in double precision, without allocating.
/// </summary>
internal sealed class EnvelopeCholesky
{
    private readonly int _n;
    // Row i holds L(i, _first[i] .. i) contiguously from _rowOffset[i].
    private readonly int[] _first;
    private readonly int[] _rowOffset;
    private readonly double[] _factor;
    private readonly int[] _order;

    /// <param name="matrix">Row-major n × n, symmetric positive definite; read only.</param>
    /// <exception cref="ArgumentException">The matrix is not positive definite.</exception>
    public EnvelopeCholesky(double[] matrix, int n)
    {
        _n = n;
        _order = ReverseCuthillMcKee(matrix, n);
        _first = new int[n];
        _rowOffset = new int[n + 1];
        for (int i = 0; i < n; i++)
        {
            int first = i;
            for (int j = 0; j < i; j++)
                if (matrix[_order[i] * n + _order[j]] != 0) { first = j; break; }
            _first[i] = first;
            _rowOffset[i + 1] = _rowOffset[i] + i - first + 1;
            Bandwidth = Math.Max(Bandwidth, i - first);
        }
        _factor = new double[_rowOffset[n]];
        for (int i = 0; i < n; i++)
        {
            for (int j = _first[i]; j <= i; j++)
            {
                double sum = matrix[_order[i] * n + _order[j]];
                for (int k = Math.Max(_first[i], _first[j]); k < j; k++) sum -= At(i, k) * At(j, k);
                if (j < i)
                {
                    _factor[_rowOffset[i] + j - _first[i]] = sum / At(j, j);
                }
                else
                {
                    if (!(sum > 0)) throw new ArgumentException("The system matrix is not positive definite.", nameof(matrix));
                    _factor[_rowOffset[i] + i - _first[i]] = Math.Sqrt(sum);
                }
            }
        }
    }

    public int Size => _n;

    /// <summary>Largest distance of a row's first entry from the diagonal, after renumbering.</summary>
    public int Bandwidth { get; }

    /// <summary>Entries of the factor (the envelope): a solve costs about twice this many multiply-adds per coordinate.</summary>
    public int EnvelopeSize => _factor.Length;

    /// <summary>
    /// Solves A x = b for the three columns at once. <paramref name="rightHandSide"/> is indexed by
    /// the original unknowns (x, y, z, unused); <paramref name="scratch"/> holds at least n vectors.
    /// The solution overwrites <paramref name="rightHandSide"/>.
    /// </summary>
    public void Solve(Span<Vector256<double>> rightHandSide, Span<Vector256<double>> scratch)
    {
        int n = _n;
        Span<Vector256<double>> y = scratch[..n];
        for (int i = 0; i < n; i++) y[i] = rightHandSide[_order[i]];
        ReadOnlySpan<double> factor = _factor;
        for (int i = 0; i < n; i++)
        {
            int first = _first[i];
            ReadOnlySpan<double> row = factor.Slice(_rowOffset[i], i - first + 1);
            Vector256<double> sum = y[i];
            for (int k = 0; k < row.Length - 1; k++) sum -= Vector256.Create(row[k]) * y[first + k];
            y[i] = sum / Vector256.Create(row[^1]);
        }
        for (int i = n - 1; i >= 0; i--)
        {
            int first = _first[i];
            ReadOnlySpan<double> row = factor.Slice(_rowOffset[i], i - first + 1);
            Vector256<double> xi = y[i] / Vector256.Create(row[^1]);
            y[i] = xi;
            for (int k = 0; k < row.Length - 1; k++) y[first + k] -= Vector256.Create(row[k]) * xi;
        }
        for (int i = 0; i < n; i++) rightHandSide[_order[i]] = y[i];
    }

    private double At(int i, int j) => _factor[_rowOffset[i] + j - _first[i]];

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
