using static FaceMesh.Blendshapes.ExpressionMeasure;

namespace FaceMesh.Blendshapes;

/// <summary>
/// The estimated blendshapes and their ranges. Lengths are centimetres on a face scaled to the
/// canonical model's eye spacing (6.3 cm); ratios are of the eye width or the neutral value. The
/// ranges were chosen so that the largest natural movement of each feature reads about 1.
/// </summary>
internal static class BlendshapeRules
{
    /// <summary>
    /// eyeBlink of an open eye at rest. Not 0, so that eyeBlink follows the eyelid gap over every
    /// frame (looking down, a wider eye) rather than reading 0 for all open eyes alike.
    /// </summary>
    public const float BlinkAtRest = 0.05f;

    public static readonly BlendshapeRule[] All =
    [
        new(Blendshape.BrowDownLeft, BrowLeft, -1, 0.6f),
        new(Blendshape.BrowDownRight, BrowRight, -1, 0.6f),
        new(Blendshape.BrowInnerUp, BrowInner, +1, 1.0f),
        new(Blendshape.BrowOuterUpLeft, BrowOuterLeft, +1, 1.0f),
        new(Blendshape.BrowOuterUpRight, BrowOuterRight, +1, 1.0f),
        new(Blendshape.CheekPuff, CheekSpanRatio, +1, 0.15f),
        new(Blendshape.CheekSquintLeft, CheekLeft, +1, 0.8f),
        new(Blendshape.CheekSquintRight, CheekRight, +1, 0.8f),
        new(Blendshape.EyeBlinkLeft, EyeOpenLeftRatio, -1, 0.8f, Relative: true, RestScore: BlinkAtRest),
        new(Blendshape.EyeBlinkRight, EyeOpenRightRatio, -1, 0.8f, Relative: true, RestScore: BlinkAtRest),
        new(Blendshape.EyeLookDownLeft, IrisUpLeftRatio, -1, 0.12f),
        new(Blendshape.EyeLookDownRight, IrisUpRightRatio, -1, 0.12f),
        new(Blendshape.EyeLookInLeft, IrisOutLeftRatio, -1, 0.2f),
        new(Blendshape.EyeLookInRight, IrisOutRightRatio, -1, 0.2f),
        new(Blendshape.EyeLookOutLeft, IrisOutLeftRatio, +1, 0.2f),
        new(Blendshape.EyeLookOutRight, IrisOutRightRatio, +1, 0.2f),
        new(Blendshape.EyeLookUpLeft, IrisUpLeftRatio, +1, 0.12f),
        new(Blendshape.EyeLookUpRight, IrisUpRightRatio, +1, 0.12f),
        new(Blendshape.EyeSquintLeft, LowerLidLeftRatio, +1, 0.08f),
        new(Blendshape.EyeSquintRight, LowerLidRightRatio, +1, 0.08f),
        new(Blendshape.EyeWideLeft, EyeOpenLeftRatio, +1, 0.4f, Relative: true),
        new(Blendshape.EyeWideRight, EyeOpenRightRatio, +1, 0.4f, Relative: true),
        new(Blendshape.JawForward, ChinForward, +1, 1.5f),
        new(Blendshape.JawLeft, ChinSide, +1, 1.0f),
        new(Blendshape.JawOpen, LipGap, +1, 3.5f),
        new(Blendshape.JawRight, ChinSide, -1, 1.0f),
        new(Blendshape.MouthClose, LipSeal, +1, 1.5f),
        new(Blendshape.MouthFrownLeft, CornerUpLeft, -1, 0.5f),
        new(Blendshape.MouthFrownRight, CornerUpRight, -1, 0.5f),
        new(Blendshape.MouthFunnel, LipProtrusion, +1, 0.6f),
        new(Blendshape.MouthLeft, MouthShift, +1, 0.8f),
        new(Blendshape.MouthLowerDownLeft, LowerLipHeightLeft, -1, 0.8f),
        new(Blendshape.MouthLowerDownRight, LowerLipHeightRight, -1, 0.8f),
        new(Blendshape.MouthPucker, MouthWidth, -1, 0.35f, Relative: true),
        new(Blendshape.MouthRight, MouthShift, -1, 0.8f),
        new(Blendshape.MouthSmileLeft, CornerUpLeft, +1, 0.8f),
        new(Blendshape.MouthSmileRight, CornerUpRight, +1, 0.8f),
        new(Blendshape.MouthStretchLeft, CornerOutLeft, +1, 0.8f),
        new(Blendshape.MouthStretchRight, CornerOutRight, +1, 0.8f),
        new(Blendshape.MouthUpperUpLeft, UpperLipDropLeft, -1, 0.6f),
        new(Blendshape.MouthUpperUpRight, UpperLipDropRight, -1, 0.6f),
        new(Blendshape.NoseSneerLeft, NoseWingLeft, +1, 0.6f),
        new(Blendshape.NoseSneerRight, NoseWingRight, +1, 0.6f),
    ];

    /// <summary>Every category with a rule, plus <see cref="Blendshape.Neutral"/> (1 − the largest other score).</summary>
    public static Blendshape[] EstimatedShapes()
    {
        var shapes = new List<Blendshape> { Blendshape.Neutral };
        foreach (BlendshapeRule rule in All) shapes.Add(rule.Shape);
        shapes.Sort();
        return [.. shapes];
    }
}
