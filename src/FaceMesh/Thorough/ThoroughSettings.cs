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
/// <param name="AveragedViews">After refinement the landmark model also sees this many other views of the final crop (<see cref="Views"/>: mirrored, then 10 % tighter, ...); the 468 mesh points are the mean over all views whose face flag passes.</param>
/// <param name="TileModel">Which BlazeFace model runs on the tiles and the turned views.</param>
/// <param name="TileMinScore">Detector score a candidate from a tile or a turned view needs (the options' own threshold if higher).</param>
/// <param name="MaxCandidatesPerFace">Detections the landmark model checks, per face asked for (the face flag rejects the false ones).</param>
internal sealed record ThoroughSettings(bool SecondDetector, int TileLevels, bool RotatedRetries, int RefinementPasses, int AveragedViews = 0, int MaxCandidatesPerFace = 2,
    FaceDetectorModel TileModel = FaceDetectorModel.ShortRange, float TileMinScore = 0.5f)
{
    /// <summary>Tiles overlap by this fraction of their side, so a face on a seam is whole in some tile.</summary>
    public const float TileOverlap = 0.35f;

    /// <summary>Tiles are not made smaller than this many pixels: faces small enough to need them would be too small to fit.</summary>
    public const int MinTileSide = 256;

    /// <summary>Overlap (IoU of the landmark ROIs) above which two refined faces are the same face.</summary>
    public const float DuplicateOverlap = 0.5f;

    /// <summary>The extra views, in order: scale of the crop relative to the refined one, and whether it is mirrored.</summary>
    public static ReadOnlySpan<(float Scale, bool Mirrored)> Views => ViewTable;

    private static readonly (float Scale, bool Mirrored)[] ViewTable = [(1f, true), (0.9f, false), (0.9f, true), (1.1f, false), (1.1f, true)];

    public static ThoroughSettings Kept { get; } = new(SecondDetector: true, TileLevels: 1, RotatedRetries: true, RefinementPasses: 1, AveragedViews: 1,
        TileModel: FaceDetectorModel.FullRange, TileMinScore: 0.65f);
}
