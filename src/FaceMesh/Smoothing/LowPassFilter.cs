namespace FaceMesh.Smoothing;

/// <summary>
/// Exponential smoothing state (smoothing.md section 3) as an immutable value: each
/// <see cref="Apply"/> returns the next state. The first value passes through unchanged.
/// </summary>
internal readonly record struct LowPassFilter(bool Initialized, float LastRaw, float LastOutput, float Alpha)
{
    public LowPassFilter Apply(float value, float alpha, out float output)
    {
        // Alpha outside [0, 1] (never produced by the one-euro filter) keeps the previous one.
        float a = alpha is >= 0f and <= 1f ? alpha : Alpha;
        output = Initialized ? a * value + (1f - a) * LastOutput : value;
        return new LowPassFilter(true, value, output, a);
    }
}
