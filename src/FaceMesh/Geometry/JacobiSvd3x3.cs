namespace FaceMesh.Geometry;

/// <summary>
/// Singular value decomposition A = U Σ Vᵀ of a 3x3 float matrix by two-sided Jacobi sweeps,
/// the method Eigen's JacobiSVD uses (what MediaPipe's Procrustes solver calls): the matrix is
/// scaled by its largest magnitude, each off-diagonal pair above 2ε of the largest diagonal entry is
/// zeroed by a left and a right plane rotation, then signs move into U and the singular values are
/// sorted in descending order. Following the same steps in float keeps U and V within rounding of
/// MediaPipe's, including which of the two equally valid sign choices each column gets.
/// </summary>
internal static class JacobiSvd3x3
{
    private const float Precision = 2f * 1.1920929e-7f; // 2 × float machine epsilon
    private const float ConsiderAsZero = 1.17549435e-38f; // smallest normal float

    /// <returns>False when the matrix holds a non-finite value.</returns>
    public static bool TryDecompose(in Float3x3 a, out Float3x3 u, out Float3x3 v, out (float S0, float S1, float S2) singularValues)
    {
        u = Float3x3.Identity();
        v = Float3x3.Identity();
        singularValues = default;

        float scale = 0;
        for (int r = 0; r < 3; r++)
            for (int c = 0; c < 3; c++)
            {
                float magnitude = MathF.Abs(a[r, c]);
                if (float.IsNaN(magnitude)) return false;
                scale = MathF.Max(scale, magnitude);
            }
        if (float.IsInfinity(scale)) return false;
        if (scale == 0) scale = 1;

        Float3x3 work = default;
        for (int r = 0; r < 3; r++)
            for (int c = 0; c < 3; c++)
                work[r, c] = a[r, c] / scale;

        float maxDiagonal = MathF.Max(MathF.Abs(work[0, 0]), MathF.Max(MathF.Abs(work[1, 1]), MathF.Abs(work[2, 2])));
        bool finished = false;
        while (!finished)
        {
            finished = true;
            for (int p = 1; p < 3; p++)
                for (int q = 0; q < p; q++)
                {
                    float threshold = MathF.Max(ConsiderAsZero, Precision * maxDiagonal);
                    if (!(MathF.Abs(work[p, q]) > threshold) && !(MathF.Abs(work[q, p]) > threshold)) continue;
                    finished = false;
                    (PlaneRotation left, PlaneRotation right) = Diagonalise2x2(work, p, q);
                    left.ApplyToRows(ref work, p, q);
                    left.Transposed().ApplyToColumns(ref u, p, q);
                    right.ApplyToColumns(ref work, p, q);
                    right.ApplyToColumns(ref v, p, q);
                    maxDiagonal = MathF.Max(maxDiagonal, MathF.Max(MathF.Abs(work[p, p]), MathF.Abs(work[q, q])));
                }
        }

        Span<float> sigma = stackalloc float[3];
        for (int i = 0; i < 3; i++)
        {
            float d = work[i, i];
            sigma[i] = MathF.Abs(d);
            if (d < 0) u.NegateColumn(i);
        }
        for (int i = 0; i < 3; i++) sigma[i] *= scale;

        for (int i = 0; i < 3; i++)
        {
            int best = i;
            for (int k = i + 1; k < 3; k++)
                if (sigma[k] > sigma[best]) best = k;
            if (sigma[best] == 0) break;
            if (best == i) continue;
            (sigma[i], sigma[best]) = (sigma[best], sigma[i]);
            u.SwapColumns(i, best);
            v.SwapColumns(i, best);
        }
        singularValues = (sigma[0], sigma[1], sigma[2]);
        return true;
    }

    /// <summary>
    /// Rotations that diagonalise the 2x2 block at rows/columns (p, q): first a left rotation makes
    /// the block symmetric, then a symmetric Jacobi rotation zeroes it off the diagonal.
    /// </summary>
    private static (PlaneRotation Left, PlaneRotation Right) Diagonalise2x2(in Float3x3 work, int p, int q)
    {
        var block = new Float3x3();
        block[0, 0] = work[p, p];
        block[0, 1] = work[p, q];
        block[1, 0] = work[q, p];
        block[1, 1] = work[q, q];

        float sum = block[0, 0] + block[1, 1];
        float asymmetry = block[1, 0] - block[0, 1];
        PlaneRotation symmetrise;
        if (MathF.Abs(asymmetry) < ConsiderAsZero)
        {
            symmetrise = new PlaneRotation(1f, 0f);
        }
        else
        {
            float ratio = sum / asymmetry;
            float hypot = MathF.Sqrt(1f + ratio * ratio);
            symmetrise = new PlaneRotation(ratio / hypot, 1f / hypot);
        }
        symmetrise.ApplyToRows(ref block, 0, 1);
        PlaneRotation right = PlaneRotation.SymmetricJacobi(block[0, 0], block[0, 1], block[1, 1]);
        return (symmetrise.Then(right.Transposed()), right);
    }
}
