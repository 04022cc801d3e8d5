namespace FaceMesh.Geometry;

/// <summary>
/// Inverse of the 4x4 pose by cofactors over the determinant, in float: the general method Eigen
/// uses for a 4x4 inverse (MediaPipe inverts the full matrix rather than transposing the rotation,
/// and the mesh vertices inherit that rounding).
/// </summary>
internal static class PoseInverse
{
    /// <param name="pose">The pose; its implicit last row is [0 0 0 1].</param>
    /// <param name="inverse">16 floats, row-major, column-vector convention (inverse[r * 4 + c]).</param>
    public static void Compute(in SimilarityPose pose, Span<float> inverse)
    {
        Span<float> m = stackalloc float[16];
        for (int r = 0; r < 3; r++)
        {
            for (int c = 0; c < 3; c++) m[r * 4 + c] = pose.Linear[r, c];
        }
        m[3] = pose.Translation.X;
        m[7] = pose.Translation.Y;
        m[11] = pose.Translation.Z;
        m[15] = 1f;

        for (int r = 0; r < 4; r++)
            for (int c = 0; c < 4; c++)
            {
                float minor = Minor(m, c, r);
                inverse[r * 4 + c] = ((r + c) & 1) == 0 ? minor : -minor;
            }

        float determinant = 0;
        for (int k = 0; k < 4; k++) determinant += m[k * 4] * inverse[k];
        for (int k = 0; k < 16; k++) inverse[k] /= determinant;
    }

    /// <summary>
    /// Determinant of m without row i and column j, expanded along the first remaining column with
    /// rows taken cyclically (i+1, i+2, i+3): a cyclic order of three rows is an even permutation,
    /// so no sign correction is needed.
    /// </summary>
    private static float Minor(ReadOnlySpan<float> m, int i, int j)
    {
        int i1 = (i + 1) & 3, i2 = (i + 2) & 3, i3 = (i + 3) & 3;
        int j1 = (j + 1) & 3, j2 = (j + 2) & 3, j3 = (j + 3) & 3;
        return Term(m, i1, i2, i3, j1, j2, j3) + Term(m, i2, i3, i1, j1, j2, j3) + Term(m, i3, i1, i2, j1, j2, j3);
    }

    private static float Term(ReadOnlySpan<float> m, int a, int b, int c, int j1, int j2, int j3) =>
        m[a * 4 + j1] * (m[b * 4 + j2] * m[c * 4 + j3] - m[b * 4 + j3] * m[c * 4 + j2]);
}
