using static FaceMesh.Blendshapes.ExpressionMeasure;

namespace FaceMesh.Blendshapes;

/// <summary>
/// The measures of a face at rest as the landmark model draws it: the median over six faces with a
/// neutral expression (grace_hopper.jpg, man_portrait.jpg, sergey.png and the three of
/// three_faces.jpg, the attention mesh through <see cref="FaceLandmarker"/>), left and right
/// averaged, the lips closed and the gaze centred. Not MediaPipe's canonical model: the network
/// draws real faces with brows about 5 mm lower, nose wings and cheeks higher and the chin nearer
/// the lower lip than the canonical mesh has them, so the canonical face as neutral would make
/// every real face read browDown, noseSneer and mouthLowerDown.
/// </summary>
internal static class TypicalNeutral
{
    public static float[] Create()
    {
        ExpressionMeasure[] measures = Enum.GetValues<ExpressionMeasure>();
        var neutral = new float[measures.Length];
        foreach (ExpressionMeasure measure in measures) neutral[(int)measure] = Value(measure);
        return neutral;
    }

    private static float Value(ExpressionMeasure measure) => measure switch
    {
        LipGap => 0f,
        LipSeal => 4.49f,
        EyeOpenLeftRatio or EyeOpenRightRatio => 0.242f,
        LowerLidLeftRatio or LowerLidRightRatio => -0.095f,
        IrisOutLeftRatio or IrisOutRightRatio => 0.025f,
        IrisUpLeftRatio or IrisUpRightRatio => 0.049f,
        BrowInner => 1.55f,
        BrowOuterLeft or BrowOuterRight => 1.31f,
        BrowLeft or BrowRight => 1.44f,
        CornerUpLeft or CornerUpRight => -0.35f,
        CornerOutLeft or CornerOutRight => 2.76f,
        MouthWidth => 5.02f,
        MouthShift => 0f,
        LipProtrusion => -0.18f,
        CheekSpanRatio => 1.016f,
        NoseWingLeft or NoseWingRight => -1.2f,
        CheekLeft or CheekRight => -1.11f,
        ChinSide => 0f,
        ChinForward => -2.15f,
        UpperLipDropLeft or UpperLipDropRight => 1.45f,
        LowerLipHeightLeft or LowerLipHeightRight => 3.78f,
        _ => throw new ArgumentOutOfRangeException(nameof(measure), measure, "No typical neutral value."),
    };
}
