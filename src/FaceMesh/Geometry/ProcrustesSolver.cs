using System.Numerics;

namespace FaceMesh.Geometry;

/// <summary>
/// Weighted orthogonal Procrustes with uniform scale: the s, R (a rotation, never a reflection) and
/// t minimising Σ wᵢ |s R aᵢ + t − bᵢ|². Computed as MediaPipe's float solver does (Akca 2003,
/// §2.4): points are multiplied by √wᵢ, the centroid is taken from the twice-weighted sources, and
/// R comes from the SVD of the 3x3 cross-covariance. All float, sums in ascending point order.
/// </summary>
internal static class ProcrustesSolver
{
    /// <summary>MediaPipe's margin for "too small" weights, norms and scales.</summary>
    public const float Epsilon = 1e-9f;

    /// <param name="sources">aᵢ (the canonical model).</param>
    /// <param name="targets">bᵢ, as many as sources.</param>
    /// <param name="weights">wᵢ ≥ 0, as many as sources; points of weight 0 take no part.</param>
    /// <param name="pose">The fitted s R and t.</param>
    /// <returns>False where MediaPipe's solver reports an error: weights summing to ~0, a degenerate
    /// cross-covariance, a scale of ~0 or less, or non-finite input.</returns>
    public static bool TrySolve(ReadOnlySpan<Vector3> sources, ReadOnlySpan<Vector3> targets, ReadOnlySpan<float> weights, out SimilarityPose pose)
    {
        pose = default;
        if (sources.Length == 0 || targets.Length != sources.Length || weights.Length != sources.Length)
            throw new ArgumentException($"Procrustes needs as many targets ({targets.Length}) and weights ({weights.Length}) as sources ({sources.Length}), at least one.");

        float weightSum = 0;
        foreach (float w in weights)
        {
            if (!(w >= 0)) throw new ArgumentException($"Procrustes weights must be non-negative, got {w}.", nameof(weights));
            weightSum += w;
        }
        if (!(weightSum > Epsilon)) return false;

        // The solver's total is Σ (√w)², which rounds differently from Σ w.
        float total = 0;
        Vector3 twiceWeightedSum = Vector3.Zero;
        for (int i = 0; i < sources.Length; i++)
        {
            if (weights[i] == 0) continue;
            float root = MathF.Sqrt(weights[i]);
            total += root * root;
            twiceWeightedSum = Add(twiceWeightedSum, Scale(Scale(sources[i], root), root));
        }
        Vector3 centre = Divide(twiceWeightedSum, total);

        // Cross-covariance D = Σ (√w b)(√w a − centre √w)ᵀ.
        var design = new Float3x3();
        for (int i = 0; i < sources.Length; i++)
        {
            if (weights[i] == 0) continue;
            float root = MathF.Sqrt(weights[i]);
            Vector3 wb = Scale(targets[i], root);
            Vector3 wac = CentredWeighted(sources[i], centre, root);
            for (int r = 0; r < 3; r++)
                for (int c = 0; c < 3; c++)
                    design[r, c] += Component(wb, r) * Component(wac, c);
        }
        if (!(FrobeniusNorm(design) > Epsilon)) return false;
        if (!TryRotation(design, out Float3x3 rotation)) return false;

        // Scale = Σ (R (√w a − centre √w)) · √w b / Σ (√w a − centre √w) · √w a.
        float numerator = 0, denominator = 0;
        for (int i = 0; i < sources.Length; i++)
        {
            if (weights[i] == 0) continue;
            float root = MathF.Sqrt(weights[i]);
            Vector3 wa = Scale(sources[i], root);
            Vector3 wb = Scale(targets[i], root);
            Vector3 wac = CentredWeighted(sources[i], centre, root);
            Vector3 rotated = Transform(rotation, wac);
            numerator = numerator + rotated.X * wb.X + rotated.Y * wb.Y + rotated.Z * wb.Z;
            denominator = denominator + wac.X * wa.X + wac.Y * wa.Y + wac.Z * wa.Z;
        }
        if (!(denominator > Epsilon)) return false;
        float scale = numerator / denominator;
        if (!(scale > Epsilon) || float.IsInfinity(scale)) return false;

        var linear = new Float3x3();
        for (int r = 0; r < 3; r++)
            for (int c = 0; c < 3; c++)
                linear[r, c] = scale * rotation[r, c];

        // t = Σ √w (√w b − s R √w a) / total.
        Vector3 residualSum = Vector3.Zero;
        for (int i = 0; i < sources.Length; i++)
        {
            if (weights[i] == 0) continue;
            float root = MathF.Sqrt(weights[i]);
            Vector3 difference = Subtract(Scale(targets[i], root), Transform(linear, Scale(sources[i], root)));
            residualSum = Add(residualSum, Scale(difference, root));
        }
        pose = new SimilarityPose { Linear = linear, Translation = Divide(residualSum, total) };
        return true;
    }

    /// <summary>R = U Vᵀ from D = U Σ Vᵀ, with U's last column flipped if that product would reflect.</summary>
    private static bool TryRotation(in Float3x3 design, out Float3x3 rotation)
    {
        rotation = default;
        if (!JacobiSvd3x3.TryDecompose(design, out Float3x3 u, out Float3x3 v, out _)) return false;
        Float3x3 vTransposed = v.Transpose();
        if (u.Determinant() * vTransposed.Determinant() < 0) u.NegateColumn(2);
        rotation = u.Multiply(vTransposed);
        return true;
    }

    private static Vector3 CentredWeighted(Vector3 source, Vector3 centre, float root) =>
        Subtract(Scale(source, root), Scale(centre, root));

    private static float FrobeniusNorm(in Float3x3 m)
    {
        float sum = 0;
        for (int c = 0; c < 3; c++)
            for (int r = 0; r < 3; r++)
                sum += m[r, c] * m[r, c];
        return MathF.Sqrt(sum);
    }

    // Component-wise helpers written out so that no step is fused or vectorised differently.
    private static Vector3 Transform(in Float3x3 m, Vector3 p) => new(
        m[0, 0] * p.X + m[0, 1] * p.Y + m[0, 2] * p.Z,
        m[1, 0] * p.X + m[1, 1] * p.Y + m[1, 2] * p.Z,
        m[2, 0] * p.X + m[2, 1] * p.Y + m[2, 2] * p.Z);

    private static Vector3 Scale(Vector3 p, float s) => new(p.X * s, p.Y * s, p.Z * s);

    private static Vector3 Divide(Vector3 p, float d) => new(p.X / d, p.Y / d, p.Z / d);

    private static Vector3 Add(Vector3 a, Vector3 b) => new(a.X + b.X, a.Y + b.Y, a.Z + b.Z);

    private static Vector3 Subtract(Vector3 a, Vector3 b) => new(a.X - b.X, a.Y - b.Y, a.Z - b.Z);

    private static float Component(Vector3 p, int axis) => axis switch { 0 => p.X, 1 => p.Y, _ => p.Z };
}
