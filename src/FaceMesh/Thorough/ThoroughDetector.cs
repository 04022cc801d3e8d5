using FaceMesh.Detectors;
using FaceMesh.Imaging;

namespace FaceMesh.Thorough;

/// <summary>
/// Detection for <see cref="FaceLandmarkerOptions.Thorough"/>: the detections MediaPipe's pipeline
/// already made on the whole image, optionally the other BlazeFace model on it too, one model on overlapping tiles, and quarter
/// turns of every tile (and of the whole image if it yields nothing upright); every candidate, projected back to the image,
/// goes through one weighted non-maximum suppression, so a face seen in several views becomes one
/// detection. Uses the stages it is given without owning them; not thread-safe (the views of one
/// stage may run in parallel: see <see cref="DetectionViewRunner"/>).
/// </summary>
internal sealed class ThoroughDetector(FaceDetectionStage otherModel, DetectionViewRunner tileModel, ThoroughSettings settings)
{
    private readonly WeightedNonMaxSuppression _nms = new(DetectorSpec.NmsIouThreshold);
    private readonly List<DetectionCandidate> _candidates = [];
    private readonly List<RotatedRect> _tiles = [];
    private readonly List<RotatedRect> _turned = [];
    private readonly List<RotatedRect> _turns = [];

    public ThoroughSettings Settings => settings;

    /// <summary>
    /// Clears <paramref name="output"/> and fills it with the merged faces, best first, in normalised
    /// image coordinates. Each stage runs only while fewer than <paramref name="wanted"/> faces are
    /// found, so a photo whose faces the cheap views already find costs little more than the default:
    /// the whole image (<paramref name="seeds"/>, the pipeline's own detections, then the other
    /// model), then the tiles, then quarter turns of the tiles (and of the whole image if it found nothing upright).
    /// </summary>
    public void Detect(ImageView image, Sampling sampling, float minScore, int wanted, List<DetectionCandidate> seeds, List<DetectionCandidate> output)
    {
        _candidates.Clear();
        _candidates.AddRange(seeds);
        _turned.Clear();
        RotatedRect whole = DetectionTiles.Whole(image.Width, image.Height);
        // Tiles and turns look at many more windows, so chance alone would pass more of them.
        float tileScore = Math.Max(minScore, settings.TileMinScore);
        int found = seeds.Count;
        if (settings.SecondDetector && Merge(output) < wanted)
            found += otherModel.AppendCandidates(image, whole, sampling, minScore, _candidates);
        // The whole image is turned only when nothing upright was found: the tiles are turned anyway.
        if (found == 0) _turned.Add(whole);

        if (settings.TileLevels > 0 && Merge(output) < wanted)
        {
            DetectionTiles.Fill(image.Width, image.Height, settings.TileLevels, _tiles);
            tileModel.Append(image, _tiles, sampling, tileScore, _candidates);
            // Every tile is turned, not only those with nothing upright: a tile holding an upright (or
            // 90-degree, which BlazeFace half sees) face and a face upside down found only the first.
            _turned.AddRange(_tiles);
        }

        if (settings.RotatedRetries && Merge(output) < wanted)
        {
            DetectionTiles.FillQuarterTurns(_turned, _turns);
            tileModel.Append(image, _turns, sampling, tileScore, _candidates);
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
