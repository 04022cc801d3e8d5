using FaceMesh.Detectors;
using FaceMesh.Imaging;

namespace FaceMesh.Thorough;

/// <summary>
/// Detection for <see cref="FaceLandmarkerOptions.Thorough"/>: the short-range model on the whole
/// image, optionally the full-range model too, one model on overlapping tiles, and quarter
/// turns of any view that yields nothing upright; every candidate, projected back to the image,
/// goes through one weighted non-maximum suppression, so a face seen in several views becomes one
/// detection. Uses the stages it is given without owning them; not thread-safe.
/// </summary>
internal sealed class ThoroughDetector(FaceDetectionStage shortRange, FaceDetectionStage fullRange, ThoroughSettings settings)
{
    private readonly FaceDetectionStage _tileDetector = settings.TileModel == FaceDetectorModel.FullRange ? fullRange : shortRange;
    private readonly WeightedNonMaxSuppression _nms = new(DetectorSpec.NmsIouThreshold);
    private readonly List<DetectionCandidate> _candidates = [];
    private readonly List<RotatedRect> _tiles = [];
    private readonly List<RotatedRect> _empty = [];

    public ThoroughSettings Settings => settings;

    /// <summary>
    /// Clears <paramref name="output"/> and fills it with the merged faces, best first, in normalised
    /// image coordinates. Each stage runs only while fewer than <paramref name="wanted"/> faces are
    /// found, so a photo whose faces the cheap views already find costs little more than the default:
    /// the whole image (short-range, then full-range), then the tiles, then quarter turns of the
    /// views that found nothing upright.
    /// </summary>
    public void Detect(ImageView image, Sampling sampling, float minScore, int wanted, List<DetectionCandidate> output)
    {
        _candidates.Clear();
        _empty.Clear();
        RotatedRect whole = DetectionTiles.Whole(image.Width, image.Height);
        // Tiles and turns look at many more windows, so chance alone would pass more of them.
        float tileScore = Math.Max(minScore, settings.TileMinScore);
        int found = shortRange.AppendCandidates(image, whole, sampling, minScore, _candidates);
        if (settings.SecondDetector && Merge(output) < wanted)
            found += fullRange.AppendCandidates(image, whole, sampling, minScore, _candidates);
        if (found == 0) _empty.Add(whole);

        if (settings.TileLevels > 0 && Merge(output) < wanted)
        {
            DetectionTiles.Fill(image.Width, image.Height, settings.TileLevels, _tiles);
            foreach (RotatedRect tile in _tiles)
                if (_tileDetector.AppendCandidates(image, tile, sampling, tileScore, _candidates) == 0) _empty.Add(tile);
        }

        if (settings.RotatedRetries && Merge(output) < wanted)
        {
            foreach (RotatedRect view in _empty)
                for (int quarter = 1; quarter <= 3; quarter++)
                    _tileDetector.AppendCandidates(image, view with { Rotation = quarter * MathF.PI / 2 }, sampling, tileScore, _candidates);
        }
        Merge(output);
    }

    private int Merge(List<DetectionCandidate> output)
    {
        output.Clear();
        _nms.Run(_candidates, output);
        return output.Count;
    }
}
