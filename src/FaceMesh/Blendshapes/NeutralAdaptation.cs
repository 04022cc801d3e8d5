namespace FaceMesh.Blendshapes;

/// <summary>
/// A running median per measure: each frame the neutral moves a fixed step towards the measured
/// value, which settles where half the frames lie above and half below (for a face mostly at rest,
/// its rest value) and is not pulled far by short expressions, unlike a running mean.
/// </summary>
internal static class NeutralAdaptation
{
    private const float StepOfRange = 0.02f;

    /// <summary>Per-measure step: 2% of the largest range a rule reads it with; 0 for the lip gap and seal (closed lips are neutral for everyone).</summary>
    public static float[] Steps(ReadOnlySpan<float> neutral)
    {
        var steps = new float[neutral.Length];

        foreach (BlendshapeRule rule in BlendshapeRules.All)
        {
            int m = (int)rule.Measure;
            float range = rule.Relative ? rule.Range * MathF.Abs(neutral[m]) : rule.Range;
            steps[m] = MathF.Max(steps[m], StepOfRange * range);
        }
        steps[(int)ExpressionMeasure.LipGap] = 0;
        steps[(int)ExpressionMeasure.LipSeal] = 0;
        return steps;
    }

    public static void Step(ReadOnlySpan<float> measures, Span<float> neutral, ReadOnlySpan<float> steps)
    {
        for (int i = 0; i < neutral.Length; i++)
        {
            float difference = measures[i] - neutral[i];
            if (!float.IsFinite(difference)) continue;
            neutral[i] += Math.Clamp(difference, -steps[i], steps[i]);
        }
    }
}
