namespace FaceMesh.Thorough;

/// <summary>
/// The parts of <see cref="FaceLandmarkerOptions.Thorough"/>, each measured on its own (README,
/// "Thorough mode"). <see cref="Kept"/> is what the option turns on; the others exist so that the
/// ablation (<c>bench/FaceMesh.Benchmarks -- thorough</c>) can measure each part.
/// </summary>
/// <param name="SecondDetector">Also run the other BlazeFace model (full-range after short-range) on the whole image.</param>
/// <param name="TileLevels">Levels of overlapping tiles the detector also runs on (0 = none); each level halves the tile side.</param>
/// <param name="RotatedRetries">Every tile, and the whole image if it has no upright candidate, is tried again turned by 90, 180 and 270 degrees.</param>
/// <param name="RefinementPasses">Landmark model runs again on the ROI of its own landmarks, this many times per new face.</param>
/// <param name="ExtraViews">After refinement the landmark model also sees these views of the final crop; the 468 mesh points combine all views whose face flag passes. The first, if any, should be the mirrored one: it also gives the view disagreement.</param>
/// <param name="MedianOfViews">Combine the views by the median of each coordinate instead of the mean.</param>
/// <param name="MaxViewDisagreement">A face found only by the extra views is dropped when its direct and mirrored landmarks differ by more than this (root mean square over the mesh, in fractions of the crop side).</param>
/// <param name="ViewDisagreementObserved">Told of every refined face whether it is an extra one and its view disagreement (the ablation bench records them; the library never sets it).</param>
/// <param name="TileModel">Which BlazeFace model runs on the tiles and the turned views.</param>
/// <param name="TileMinScore">Detector score a candidate from a tile or a turned view needs (the options' own threshold if higher).</param>
/// <param name="MaxCandidatesPerFace">Detections the landmark model checks, per face asked for (the face flag rejects the false ones).</param>
internal sealed record ThoroughSettings(bool SecondDetector, int TileLevels, bool RotatedRetries, int RefinementPasses, CropView[]? ExtraViews = null, int MaxCandidatesPerFace = 2,
    FaceDetectorModel TileModel = FaceDetectorModel.ShortRange, float TileMinScore = 0.5f, bool MedianOfViews = false, float MaxViewDisagreement = float.PositiveInfinity,
    Action<bool, float>? ViewDisagreementObserved = null)
{
    /// <summary>Tiles overlap by this fraction of their side, so a face on a seam is whole in some tile.</summary>
    public const float TileOverlap = 0.35f;

    /// <summary>Tiles are not made smaller than this many pixels: faces small enough to need them would be too small to fit.</summary>
    public const int MinTileSide = 256;

    /// <summary>Overlap (IoU of the landmark ROIs) above which two refined faces are the same face.</summary>
    public const float DuplicateOverlap = 0.5f;

    /// <summary>How many views besides the refined crop the landmark model sees per face.</summary>
    public int AveragedViews => ExtraViews?.Length ?? 0;

    /// <summary>The mirrored crop alone.</summary>
    public static CropView[] Mirror { get; } = [new(1f, true)];

    /// <summary>Mirrored, then 10 % tighter and looser crops, each also mirrored (first measured set).</summary>
    public static CropView[] Scaled { get; } = [new(1f, true), new(0.9f, false), new(0.9f, true), new(1.1f, false), new(1.1f, true)];

    /// <summary>Mirrored, then the crop turned both ways by <paramref name="degrees"/>, optionally mirrored too.</summary>
    public static CropView[] Turned(float degrees, bool mirroredToo) => mirroredToo
        ? [new(1f, true), new(1f, false, degrees), new(1f, false, -degrees), new(1f, true, degrees), new(1f, true, -degrees)]
        : [new(1f, true), new(1f, false, degrees), new(1f, false, -degrees)];

    /// <summary>Mirrored, then the crop shifted by <paramref name="fraction"/> of its side along each axis both ways.</summary>
    public static CropView[] Shifted(float fraction) =>
        [new(1f, true), new(1f, false, 0f, fraction), new(1f, false, 0f, -fraction), new(1f, false, 0f, 0f, fraction), new(1f, false, 0f, 0f, -fraction)];

    public static ThoroughSettings Kept { get; } = new(SecondDetector: true, TileLevels: 1, RotatedRetries: true, RefinementPasses: 1, ExtraViews: Mirror,
        TileModel: FaceDetectorModel.FullRange, TileMinScore: 0.65f, MaxViewDisagreement: MirroredFaceTolerance);

    /// <summary>
    /// Direct-vs-mirrored disagreement an extra face may have: about twice the 99th percentile of the
    /// real faces in LFPW train (0.0195; their largest 0.0335), below the false face on
    /// YellowFlower.jpg (0.042).
    /// </summary>
    public const float MirroredFaceTolerance = 0.038f;
}
