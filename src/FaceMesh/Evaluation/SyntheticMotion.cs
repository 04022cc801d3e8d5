using System.Numerics;

namespace FaceMesh.Evaluation;

/// <summary>
/// The known path of <see cref="JitterOptions"/>: frame 0 is the untouched photo, later frames are
/// shifted and rotated along sines, so the motion is smooth (as a real head's is) and every
/// frame-to-frame step is exactly known.
/// </summary>
internal sealed class SyntheticMotion
{
    private const float VerticalShiftRatio = 0.6f;
    private const float VerticalPeriodRatio = 1.5f;
    private readonly JitterOptions _options;
    private readonly Vector2 _center;

    public SyntheticMotion(JitterOptions options, int imageWidth, int imageHeight)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _center = new Vector2(imageWidth / 2f, imageHeight / 2f);
    }

    public int Frames => _options.Frames;

    /// <summary>Where frame <paramref name="frame"/> has moved the photo (identity for frame 0).</summary>
    public SimilarityTransform At(int frame)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(frame);
        float shiftPhase = 2 * MathF.PI * frame / _options.ShiftPeriodFrames;
        float amplitude = _options.ShiftAmplitudePixels;
        var shift = new Vector2(
            amplitude * MathF.Sin(shiftPhase),
            VerticalShiftRatio * amplitude * MathF.Sin(shiftPhase / VerticalPeriodRatio));
        float rotationPhase = 2 * MathF.PI * frame / _options.RotationPeriodFrames;
        float angle = _options.RotationAmplitudeDegrees * MathF.PI / 180f * MathF.Sin(rotationPhase);
        return new SimilarityTransform(angle, shift, _center);
    }

    /// <summary>Frame time: frame index over the frame rate, in whole milliseconds, strictly increasing.</summary>
    public long TimestampMs(int frame) => (long)Math.Round(frame * 1000.0 / _options.FrameRate);

    /// <summary>Largest frame-to-frame step of the path: shift length in pixels and rotation in degrees.</summary>
    public (float ShiftPixels, float RotationDegrees) LargestStep()
    {
        float shift = 0, rotation = 0;
        for (int k = 1; k < Frames; k++)
        {
            SimilarityTransform a = At(k - 1), b = At(k);
            shift = MathF.Max(shift, Vector2.Distance(a.Translation, b.Translation));
            rotation = MathF.Max(rotation, MathF.Abs(b.AngleRadians - a.AngleRadians) * 180f / MathF.PI);
        }
        return (shift, rotation);
    }
}
