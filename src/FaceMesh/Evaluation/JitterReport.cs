namespace FaceMesh.Evaluation;

/// <summary>What <see cref="JitterEvaluation.Run"/> measured.</summary>
/// <param name="Options">The settings used.</param>
/// <param name="Frames">Frames in the synthetic video.</param>
/// <param name="InterOcularDistancePixels">IOD of the first frame's face, the unit of every percentage.</param>
/// <param name="LargestShiftPixels">Largest frame-to-frame shift of the known motion.</param>
/// <param name="LargestRotationDegrees">Largest frame-to-frame rotation of the known motion.</param>
/// <param name="Raw">Video mode without smoothing.</param>
/// <param name="Smoothed">Video mode with smoothing.</param>
public sealed record JitterReport(
    JitterOptions Options,
    int Frames,
    float InterOcularDistancePixels,
    float LargestShiftPixels,
    float LargestRotationDegrees,
    JitterRunResult Raw,
    JitterRunResult Smoothed);
