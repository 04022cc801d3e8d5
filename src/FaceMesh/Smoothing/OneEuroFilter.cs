namespace FaceMesh.Smoothing;

/// <summary>
/// One coordinate's one-euro filter (smoothing.md section 5) as an immutable value with explicit
/// time: <see cref="Apply"/> takes the timestamp and returns the next state, so there is no hidden
/// clock and a filter can be copied, stored or discarded freely. <c>default</c> is a fresh filter.
/// </summary>
internal readonly record struct OneEuroFilter(double Frequency, long LastTimeNanoseconds, LowPassFilter Value, LowPassFilter Derivative)
{
    /// <param name="parameters">Filter constants.</param>
    /// <param name="timeNanoseconds">Frame time; a time not after the last one passes the value through and keeps the state.</param>
    /// <param name="valueScale">Multiplies the speed estimate (1 / face size: speed in face sizes per second).</param>
    /// <param name="value">The raw coordinate.</param>
    /// <param name="filtered">The smoothed coordinate.</param>
    public OneEuroFilter Apply(in OneEuroParameters parameters, long timeNanoseconds, float valueScale, float value, out float filtered)
    {
        double frequency = Frequency == 0 ? parameters.Frequency : Frequency;
        // A fresh filter's last time is 0, so a first frame at t = 0 is passed through without
        // initialising anything (MediaPipe behaves the same way).
        if (LastTimeNanoseconds >= timeNanoseconds)
        {
            filtered = value;
            return this with { Frequency = frequency };
        }
        if (LastTimeNanoseconds != 0 && timeNanoseconds != 0)
            frequency = 1.0 / ((timeNanoseconds - LastTimeNanoseconds) * 1e-9);

        double speed = Value.Initialized ? (value - Value.LastRaw) * valueScale * frequency : 0.0;
        LowPassFilter derivative = Derivative.Apply((float)speed, Alpha(frequency, parameters.DerivativeCutoff), out float smoothedSpeed);
        double cutoff = parameters.MinCutoff + parameters.Beta * Math.Abs(smoothedSpeed);
        LowPassFilter next = Value.Apply(value, Alpha(frequency, cutoff), out filtered);
        return new OneEuroFilter(frequency, timeNanoseconds, next, derivative);
    }

    private static float Alpha(double frequency, double cutoff)
    {
        double te = 1.0 / frequency;
        double tau = 1.0 / (2 * Math.PI * cutoff);
        return (float)(1.0 / (1.0 + tau / te));
    }
}
