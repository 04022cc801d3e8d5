namespace FaceMesh.Blendshapes;

/// <summary>
/// How one blendshape score is read from one measure: the change from the neutral face in
/// <see cref="Direction"/>, divided by <see cref="Range"/> (the change that scores 1), clamped to
/// [0, 1]. A relative range is a fraction of the neutral value itself (eye opening). With a
/// <see cref="RestScore"/> the neutral face scores that much and faces beyond neutral in the
/// other direction fall off towards 0 smoothly instead of all reading 0, so the score keeps the
/// order of the measure over its whole range (an eye opened wider still reads less blink).
/// </summary>
internal readonly record struct BlendshapeRule(Blendshape Shape, ExpressionMeasure Measure, float Direction, float Range, bool Relative = false, float RestScore = 0f)
{
    // A neutral eye calibrated on a nearly closed eye must not make every twitch a full blink.
    private const float SmallestRelativeBase = 0.05f;

    public float Score(float measure, float neutral)
    {
        float range = Relative ? Range * MathF.Max(MathF.Abs(neutral), SmallestRelativeBase) : Range;
        float change = Direction * (measure - neutral) / range;
        if (RestScore == 0f || !float.IsFinite(change)) return FaceBlendshapes.Clamp01(change);
        // Same slope on both sides of neutral, so the curve has no kink there.
        return change >= 0f
            ? MathF.Min(1f, RestScore + (1f - RestScore) * change)
            : RestScore * MathF.Exp(change * (1f - RestScore) / RestScore);
    }
}
