namespace FaceMesh.Runtime.Tests;

/// <summary>Seeded random tensors and tolerant comparisons for kernel tests.</summary>
internal static class TestData
{
    public static float[] Random(Random rng, int count, float scale = 1f)
    {
        var values = new float[count];
        for (int i = 0; i < count; i++) values[i] = (float)(rng.NextDouble() * 2 - 1) * scale;
        return values;
    }

    public static int Count(params int[] shape) => shape.Aggregate(1, (a, b) => a * b);

    /// <summary>The first <paramref name="channels"/> of each of <paramref name="rows"/> rows of <paramref name="source"/>'s wider rows.</summary>
    public static float[] FirstChannels(float[] source, int rows, int channels)
    {
        int stride = source.Length / rows;
        var result = new float[rows * channels];
        for (int r = 0; r < rows; r++) Array.Copy(source, r * stride, result, r * channels, channels);
        return result;
    }

    /// <summary>Asserts |actual - expected| &lt;= tolerance * max(1, max|expected|) element-wise.</summary>
    public static void AssertClose(ReadOnlySpan<double> expected, ReadOnlySpan<float> actual, double tolerance = 1e-5)
    {
        Assert.Equal(expected.Length, actual.Length);
        double scale = 1;
        foreach (double e in expected) scale = Math.Max(scale, Math.Abs(e));
        for (int i = 0; i < expected.Length; i++)
        {
            double diff = Math.Abs(expected[i] - actual[i]);
            if (!(diff <= tolerance * scale))
                Assert.Fail($"element {i}: expected {expected[i]}, got {actual[i]} (diff {diff:G3}, allowed {tolerance * scale:G3})");
        }
    }

    public static void AssertClose(float[] expected, ReadOnlySpan<float> actual, double tolerance = 1e-5) =>
        AssertClose(expected.Select(v => (double)v).ToArray(), actual, tolerance);

    /// <summary>Runs a one-input (or more) model and returns the copy of output 0.</summary>
    public static float[] Run(FaceMesh.Runtime.Model.TfLiteModel model, ExecutionMode mode, params float[][] inputs)
    {
        using var interpreter = new Interpreter(model, mode.Options);
        for (int i = 0; i < inputs.Length; i++) inputs[i].CopyTo(interpreter.GetInput(i));
        interpreter.Invoke();
        return interpreter.GetOutput(0).ToArray();
    }
}
