namespace FaceMesh.Imaging;

/// <summary>
/// A 3x3 projective transform in double precision, row-major:
/// <c>x' = (M00 x + M01 y + M02) / (M20 x + M21 y + M22)</c>, likewise y'.
/// </summary>
internal readonly record struct Homography(
    double M00, double M01, double M02,
    double M10, double M11, double M12,
    double M20, double M21, double M22)
{
    /// <summary>
    /// The transform that maps the four <paramref name="from"/> points onto the four
    /// <paramref name="to"/> points (an 8x8 linear system with M22 = 1, solved by Gaussian
    /// elimination with partial pivoting, the way OpenCV's getPerspectiveTransform does).
    /// </summary>
    public static Homography FromQuad(ReadOnlySpan<(float X, float Y)> from, ReadOnlySpan<(float X, float Y)> to)
    {
        if (from.Length != 4 || to.Length != 4)
            throw new ArgumentException("A homography needs exactly four point pairs.");
        Span<double> a = stackalloc double[64];
        Span<double> b = stackalloc double[8];
        for (int i = 0; i < 4; i++)
        {
            double x = from[i].X, y = from[i].Y, u = to[i].X, v = to[i].Y;
            int r0 = i * 8, r1 = (i + 4) * 8;
            a[r0 + 0] = x; a[r0 + 1] = y; a[r0 + 2] = 1;
            a[r0 + 6] = -x * u; a[r0 + 7] = -y * u;
            a[r1 + 3] = x; a[r1 + 4] = y; a[r1 + 5] = 1;
            a[r1 + 6] = -x * v; a[r1 + 7] = -y * v;
            b[i] = u;
            b[i + 4] = v;
        }
        SolveInPlace(a, b, 8);
        return new Homography(b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], 1.0);
    }

    /// <summary>The inverse, by cofactors over the determinant (zero matrix if singular).</summary>
    public Homography Inverse()
    {
        double det = M00 * (M11 * M22 - M12 * M21)
                   - M01 * (M10 * M22 - M12 * M20)
                   + M02 * (M10 * M21 - M11 * M20);
        if (det == 0) return default;
        double d = 1.0 / det;
        return new Homography(
            (M11 * M22 - M12 * M21) * d, (M02 * M21 - M01 * M22) * d, (M01 * M12 - M02 * M11) * d,
            (M12 * M20 - M10 * M22) * d, (M00 * M22 - M02 * M20) * d, (M02 * M10 - M00 * M12) * d,
            (M10 * M21 - M11 * M20) * d, (M01 * M20 - M00 * M21) * d, (M00 * M11 - M01 * M10) * d);
    }

    private static void SolveInPlace(Span<double> a, Span<double> b, int n)
    {
        for (int col = 0; col < n; col++)
        {
            int pivot = col;
            for (int row = col + 1; row < n; row++)
                if (Math.Abs(a[row * n + col]) > Math.Abs(a[pivot * n + col])) pivot = row;
            if (a[pivot * n + col] == 0)
                throw new ArgumentException("The region is degenerate (zero width or height).");
            if (pivot != col)
            {
                for (int c = 0; c < n; c++) (a[col * n + c], a[pivot * n + c]) = (a[pivot * n + c], a[col * n + c]);
                (b[col], b[pivot]) = (b[pivot], b[col]);
            }
            double negInv = -1.0 / a[col * n + col];
            for (int row = col + 1; row < n; row++)
            {
                double factor = a[row * n + col] * negInv;
                for (int c = col + 1; c < n; c++) a[row * n + c] += factor * a[col * n + c];
                b[row] += factor * b[col];
            }
        }
        for (int row = n - 1; row >= 0; row--)
        {
            double s = b[row];
            for (int c = row + 1; c < n; c++) s -= a[row * n + c] * b[c];
            b[row] = s / a[row * n + row];
        }
    }
}
