namespace FaceMesh.Blendshapes;

/// <summary>
/// How one blendshape score is read from one measure: the change from the neutral face in
/// <see cref="Direction"/>, divided by <see cref="Range"/> (the change that scores 1), clamped to
/// [0, 1]. A relative range is a fraction of the neutral value itself (eye opening).
/// </summary>
internal readonly record struct BlendshapeRule(Blendshape Shape, ExpressionMeasure Measure, float Direction, float Range, bool Relative = false)
{
    // A neutral eye calibrated on a nearly closed eye must not make every twitch a full blink.
    private const float SmallestRelativeBase = 0.05f;

    public float Score(float measure, float neutral)
    {
        float range = Relative ? Range * MathF.Max(MathF.Abs(neutral), SmallestRelativeBase) : Range;
        return FaceBlendshapes.Clamp01(Direction * (measure - neutral) / range);
    }
}
