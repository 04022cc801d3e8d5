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

    // Steps shrink as 1/frame (a stochastic-approximation median): 25x on the first frame, so the
    // neutral leaves the typical face for this person's within a second, then ever smaller down to
    // a floor, so that once settled the neutral barely drifts and the same expression keeps its score.
    private const int SettlingFrames = 25;
    private const float FloorBoost = 0.05f;

    /// <param name="frame">Frames adapted so far (0 on the first).</param>
    public static void Step(ReadOnlySpan<float> measures, Span<float> neutral, ReadOnlySpan<float> steps, int frame)
    {
        float boost = MathF.Max(FloorBoost, (float)SettlingFrames / (frame + 1f));
        for (int i = 0; i < neutral.Length; i++)
        {
            float difference = measures[i] - neutral[i];
            if (!float.IsFinite(difference)) continue;
            float step = boost * steps[i];
            neutral[i] += Math.Clamp(difference, -step, step);
        }
    }
}
