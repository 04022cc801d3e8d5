namespace FaceMesh.Geometry;

/// <summary>
/// A rotation in the plane of two coordinates, J = [c s; −s c], with the rounding of Eigen's
/// JacobiRotation for real scalars (each product rounded, then summed; no fused multiply-add).
/// </summary>
internal readonly record struct PlaneRotation(float C, float S)
{
    public PlaneRotation Transposed() => new(C, -S);

    /// <summary>The product this × other.</summary>
    public PlaneRotation Then(PlaneRotation other) =>
        new(C * other.C - S * other.S, C * other.S + S * other.C);

    /// <summary>Rows p and q of m become J × [row p; row q].</summary>
    public void ApplyToRows(ref Float3x3 m, int p, int q)
    {
        for (int i = 0; i < 3; i++)
        {
            float x = m[p, i], y = m[q, i];
            m[p, i] = C * x + S * y;
            m[q, i] = -S * x + C * y;
        }
    }

    /// <summary>Columns p and q of m become [column p, column q] × J.</summary>
    public void ApplyToColumns(ref Float3x3 m, int p, int q)
    {
        for (int i = 0; i < 3; i++)
        {
            float x = m[i, p], y = m[i, q];
            m[i, p] = C * x - S * y;
            m[i, q] = S * x + C * y;
        }
    }

    /// <summary>
    /// The rotation that zeroes the off-diagonal of the symmetric block [x y; y z] when applied as
    /// Jᵀ B J (the root of the quadratic with the smaller magnitude, for stability).
    /// </summary>
    public static PlaneRotation SymmetricJacobi(float x, float y, float z)
    {
        float denominator = 2f * MathF.Abs(y);
        if (denominator < 1.17549435e-38f) return new PlaneRotation(1f, 0f);
        float tau = (x - z) / denominator;
        float w = MathF.Sqrt(tau * tau + 1f);
        float t = tau > 0 ? 1f / (tau + w) : 1f / (tau - w);
        float signT = t > 0 ? 1f : -1f;
        float n = 1f / MathF.Sqrt(t * t + 1f);
        return new PlaneRotation(n, -signT * (y / MathF.Abs(y)) * MathF.Abs(t) * n);
    }
}
