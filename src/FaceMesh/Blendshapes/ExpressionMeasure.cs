namespace FaceMesh.Blendshapes;

/// <summary>
/// The geometric quantities blendshape scores are read from, measured on the pose-normalised metric
/// mesh (see <see cref="ExpressionMeasurer"/>). Lengths are centimetres of a face scaled to the
/// canonical model's eye spacing; names ending in Ratio are dimensionless. Left / Right: the subject's.
/// </summary>
internal enum ExpressionMeasure
{
    /// <summary>Inner-lip gap, mean of three upper/lower pairs (cm).</summary>
    LipGap,
    /// <summary>0.7 × (nose base to chin) − lip gap: grows when the jaw drops while the lips stay together (cm).</summary>
    LipSeal,
    /// <summary>Eyelid gap / eye width (corner to corner).</summary>
    EyeOpenLeftRatio,
    EyeOpenRightRatio,
    /// <summary>Lower-lid height above the eye corners' midpoint / eye width.</summary>
    LowerLidLeftRatio,
    LowerLidRightRatio,
    /// <summary>Iris centre from the corners' midpoint towards the outer corner / eye width.</summary>
    IrisOutLeftRatio,
    IrisOutRightRatio,
    /// <summary>Iris centre above the corners' midpoint / eye width.</summary>
    IrisUpLeftRatio,
    IrisUpRightRatio,
    /// <summary>Inner brow height above the inner eye corners, both sides' mean (cm).</summary>
    BrowInner,
    /// <summary>Outer brow height above the outer eye corner (cm).</summary>
    BrowOuterLeft,
    BrowOuterRight,
    /// <summary>Whole brow (inner and outer) height above the eye corners (cm).</summary>
    BrowLeft,
    BrowRight,
    /// <summary>Mouth corner height relative to the upper inner lip's centre (cm).</summary>
    CornerUpLeft,
    CornerUpRight,
    /// <summary>Mouth corner distance from the lips' midline (cm).</summary>
    CornerOutLeft,
    CornerOutRight,
    /// <summary>Corner-to-corner mouth width (cm).</summary>
    MouthWidth,
    /// <summary>Lips' midline towards the subject's left of the nose's midline (cm).</summary>
    MouthShift,
    /// <summary>Outer lip centres in front of the nose base (cm).</summary>
    LipProtrusion,
    /// <summary>Cheek span / outer eye-corner span.</summary>
    CheekSpanRatio,
    /// <summary>Nose wing height above the nose tip (cm).</summary>
    NoseWingLeft,
    NoseWingRight,
    /// <summary>Cheek height above the nose tip (cm).</summary>
    CheekLeft,
    CheekRight,
    /// <summary>Chin towards the subject's left of the nose's midline (cm).</summary>
    ChinSide,
    /// <summary>Chin in front of the nose base (cm).</summary>
    ChinForward,
    /// <summary>Upper outer lip below the nose base, per side (cm).</summary>
    UpperLipDropLeft,
    UpperLipDropRight,
    /// <summary>Lower outer lip above the chin, per side (cm).</summary>
    LowerLipHeightLeft,
    LowerLipHeightRight,
}
