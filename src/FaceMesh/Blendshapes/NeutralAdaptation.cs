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

    // Steps shrink as 1/frame (a stochastic-approximation median): 10x on the first frame, a fifth of
    // the range, then ever smaller down to a floor, so that once settled the neutral barely drifts
    // and the same expression keeps its score. The gain is sized to how much a measure varies while
    // the face is at rest (open eyes vary by about a fifth of a blink), not to the full expression:
    // at 25x (half a range per frame) the neutral chased the face through its first second (on
    // Megamind.avi it followed the eyes from 0.24 to 0.46 and back to 0.35 of the eye width while
    // they widened and narrowed), so those frames were scored against themselves, and the sum of
    // steps, which grows as gain × ln(frames), let it wander with every later change of expression
    // (0.34 to 0.39 over seconds 4 to 6). 10x still covers about one range in the first second,
    // enough for a face far from the typical one.
    private const int SettlingFrames = 10;
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
