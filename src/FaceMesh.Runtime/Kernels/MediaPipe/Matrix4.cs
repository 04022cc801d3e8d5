namespace FaceMesh.Runtime.Kernels.MediaPipe;

/// <summary>Row-major 4x4 float matrices on spans, in the order the custom ops compose them.</summary>
internal static class Matrix4
{
    public static void Identity(Span<float> m)
    {
        m.Clear();
        m[0] = m[5] = m[10] = m[15] = 1f;
    }

    public static Span<float> Translation(Span<float> m, float x, float y)
    {
        Identity(m);
        m[3] = x;
        m[7] = y;
        return m;
    }

    /// <summary>Rotation in the x-y plane given cos and sin of the angle.</summary>
    public static Span<float> RotationZ(Span<float> m, float cos, float sin)
    {
        Identity(m);
        m[0] = cos; m[1] = -sin;
        m[4] = sin; m[5] = cos;
        return m;
    }

    public static Span<float> Scale(Span<float> m, float x, float y)
    {
        Identity(m);
        m[0] = x;
        m[5] = y;
        return m;
    }

    /// <summary>m = m * right.</summary>
    public static void MultiplyRight(Span<float> m, ReadOnlySpan<float> right)
    {
        Span<float> result = stackalloc float[16];
        for (int r = 0; r < 4; r++)
        {
            for (int c = 0; c < 4; c++)
            {
                float sum = 0f;
                for (int k = 0; k < 4; k++) sum += m[r * 4 + k] * right[k * 4 + c];
                result[r * 4 + c] = sum;
            }
        }
        result.CopyTo(m);
    }
}
