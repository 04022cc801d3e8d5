namespace FaceMesh.Evaluation;

/// <summary>
/// How <see cref="JitterEvaluation"/> builds its synthetic video. The photo drifts along a smooth
/// known path: horizontal and vertical sine shifts and a sine rotation about the image centre,
/// each with its own period, so consecutive frames differ by sub-pixel amounts.
/// </summary>
public sealed record JitterOptions
{
    /// <summary>Frames in the synthetic video (at least 2).</summary>
    public int Frames { get; init; } = 120;

    /// <summary>Frame rate the timestamps assume; the smoother's response depends on it.</summary>
    public double FrameRate { get; init; } = 30;

    /// <summary>Peak horizontal shift; the vertical shift peaks at 60% of it.</summary>
    public float ShiftAmplitudePixels { get; init; } = 2f;

    /// <summary>Frames per horizontal shift cycle; the vertical cycle is 1.5 times longer.</summary>
    public int ShiftPeriodFrames { get; init; } = 60;

    /// <summary>Peak rotation about the image centre.</summary>
    public float RotationAmplitudeDegrees { get; init; } = 1f;

    /// <summary>Frames per rotation cycle.</summary>
    public int RotationPeriodFrames { get; init; } = 90;

    /// <summary>
    /// Pipeline settings (model, sampling, threads). Running mode, smoothing and the face count are
    /// set by the evaluation: video mode, one face, with and without smoothing.
    /// </summary>
    public FaceLandmarkerOptions Pipeline { get; init; } = new();

    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public void Validate()
    {
        if (Frames < 2) throw new ArgumentOutOfRangeException(nameof(Frames), Frames, "The jitter evaluation needs at least 2 frames.");
        // Above 1000 fps whole-millisecond timestamps would repeat, and video mode needs them increasing.
        if (!(FrameRate > 0) || FrameRate > 1000)
            throw new ArgumentOutOfRangeException(nameof(FrameRate), FrameRate, "Frame rate must be above 0 and at most 1000.");
        if (!(ShiftAmplitudePixels >= 0) || !float.IsFinite(ShiftAmplitudePixels))
            throw new ArgumentOutOfRangeException(nameof(ShiftAmplitudePixels), ShiftAmplitudePixels, "Shift amplitude must be finite and non-negative.");
        if (!(RotationAmplitudeDegrees >= 0) || RotationAmplitudeDegrees > 45)
            throw new ArgumentOutOfRangeException(nameof(RotationAmplitudeDegrees), RotationAmplitudeDegrees, "Rotation amplitude must be between 0 and 45 degrees.");
        if (ShiftPeriodFrames < 2) throw new ArgumentOutOfRangeException(nameof(ShiftPeriodFrames), ShiftPeriodFrames, "Periods must be at least 2 frames.");
        if (RotationPeriodFrames < 2) throw new ArgumentOutOfRangeException(nameof(RotationPeriodFrames), RotationPeriodFrames, "Periods must be at least 2 frames.");
        ArgumentNullException.ThrowIfNull(Pipeline);
    }
}
