namespace FaceMesh.Smoothing;

/// <summary>
/// One-euro filter constants. <see cref="FaceLandmarker"/> uses MediaPipe Tasks' face values
/// (smoothing.md section 1): min cutoff 0.05 Hz, beta 80, derivative cutoff 1 Hz, 30 Hz assumed
/// until two timestamps give the real rate.
/// </summary>
internal readonly record struct OneEuroParameters(double Frequency, double MinCutoff, double Beta, double DerivativeCutoff)
{
    public static OneEuroParameters FaceLandmarker => new(30.0, 0.05, 80.0, 1.0);
}
