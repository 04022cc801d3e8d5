namespace FaceMesh.Puppeteering.Gltf;

/// <summary>Key meshes of a take: a small basis of its own frames that spans its expressions, and every frame's coordinates in it.</summary>
internal static class KeyFrames
{
    // A frame whose remaining expression is below this fraction of the largest is already spanned.
    private const double Spanned = 1e-3;

    /// <summary>Frame indices, greedily the one least explained by those chosen before (pivoted Gram–Schmidt).</summary>
    public static int[] Choose(IReadOnlyList<float[]> frames, int maxKeys)
    {
        int dimension = frames.Count > 0 ? frames[0].Length : 0;
        var residuals = frames.Select(f => Array.ConvertAll(f, v => (double)v)).ToArray();
        var keys = new List<int>();
        double first = residuals.Length == 0 ? 0 : residuals.Max(Norm);
        while (keys.Count < maxKeys && first > 0)
        {
            int best = -1;
            double bestNorm = Spanned * first;
            for (int f = 0; f < residuals.Length; f++)
            {
                double norm = Norm(residuals[f]);
                if (norm > bestNorm) (best, bestNorm) = (f, norm);
            }
            if (best < 0) break;
            keys.Add(best);
            double[] axis = Array.ConvertAll(residuals[best], v => v / bestNorm);
            foreach (double[] r in residuals)
            {
                double along = 0;
                for (int i = 0; i < dimension; i++) along += r[i] * axis[i];
                for (int i = 0; i < dimension; i++) r[i] -= along * axis[i];
            }
        }
        return [.. keys];
    }

    /// <summary>Least-squares weights of every frame over the key frames (normal equations, Cholesky).</summary>
    public static float[][] Weights(IReadOnlyList<float[]> frames, int[] keys)
    {
        int k = keys.Length;
        var gram = new double[k, k];
        for (int a = 0; a < k; a++)
            for (int b = 0; b <= a; b++)
                gram[a, b] = gram[b, a] = Dot(frames[keys[a]], frames[keys[b]]);
        var factor = new double[k, k];
        for (int i = 0; i < k; i++)
            for (int j = 0; j <= i; j++)
            {
                double sum = gram[i, j];
                for (int m = 0; m < j; m++) sum -= factor[i, m] * factor[j, m];
                factor[i, j] = i == j ? Math.Sqrt(sum) : sum / factor[j, j];
            }
        var result = new float[frames.Count][];
        var y = new double[k];
        for (int f = 0; f < frames.Count; f++)
        {
            for (int i = 0; i < k; i++)
            {
                double sum = Dot(frames[keys[i]], frames[f]);
                for (int m = 0; m < i; m++) sum -= factor[i, m] * y[m];
                y[i] = sum / factor[i, i];
            }
            var w = new float[k];
            for (int i = k - 1; i >= 0; i--)
            {
                double sum = y[i];
                for (int m = i + 1; m < k; m++) sum -= factor[m, i] * w[m];
                w[i] = (float)(sum / factor[i, i]);
            }
            result[f] = w;
        }
        return result;
    }

    private static double Norm(double[] v)
    {
        double sum = 0;
        foreach (double x in v) sum += x * x;
        return Math.Sqrt(sum);
    }

    private static double Dot(float[] a, float[] b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++) sum += (double)a[i] * b[i];
        return sum;
    }
}
