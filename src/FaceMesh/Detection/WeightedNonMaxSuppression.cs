namespace FaceMesh.Detectors;

/// <summary>
/// MediaPipe's weighted ("blending") non-maximum suppression (detection.md section 5): the best
/// remaining candidate seeds a face; every remaining candidate overlapping it by IoU above the
/// threshold (the seed included) is consumed, and the face's box and keypoints become their
/// score-weighted mean while the score stays the seed's. Reuses its scratch lists across calls;
/// not thread-safe.
/// </summary>
internal sealed class WeightedNonMaxSuppression
{
    private readonly float _iouThreshold;
    private readonly Comparison<int> _byScoreDescending;
    private List<DetectionCandidate>? _sorting;
    private readonly List<int> _remaining = [];
    private readonly List<int> _rest = [];
    private readonly List<int> _members = [];

    public WeightedNonMaxSuppression(float iouThreshold)
    {
        _iouThreshold = iouThreshold;
        // Created once so sorting allocates nothing per call. Ties keep anchor order (MediaPipe's
        // unstable sort leaves them unspecified).
        _byScoreDescending = (a, b) =>
        {
            int byScore = _sorting![b].Score.CompareTo(_sorting[a].Score);
            return byScore != 0 ? byScore : a.CompareTo(b);
        };
    }

    /// <summary>Appends the merged faces to <paramref name="output"/>, best seed first.</summary>
    public void Run(List<DetectionCandidate> candidates, List<DetectionCandidate> output)
    {
        _remaining.Clear();
        for (int i = 0; i < candidates.Count; i++) _remaining.Add(i);
        _sorting = candidates;
        _remaining.Sort(_byScoreDescending);
        _sorting = null;

        while (_remaining.Count > 0)
        {
            DetectionCandidate seed = candidates[_remaining[0]];
            _members.Clear();
            _rest.Clear();
            foreach (int index in _remaining)
            {
                if (BoxOverlap.IntersectionOverUnion(candidates[index].Box, seed.Box) > _iouThreshold) _members.Add(index);
                else _rest.Add(index);
            }

            output.Add(_members.Count == 0 ? seed : Blend(seed, candidates));
            // A seed that does not even overlap itself (zero area) consumes nothing; MediaPipe stops there.
            if (_rest.Count == _remaining.Count) break;
            _remaining.Clear();
            _remaining.AddRange(_rest);
        }
    }

    private DetectionCandidate Blend(in DetectionCandidate seed, List<DetectionCandidate> candidates)
    {
        float totalScore = 0f, xMin = 0f, yMin = 0f, xMax = 0f, yMax = 0f;
        KeypointCoordinates keypoints = default;
        foreach (int index in _members)
        {
            DetectionCandidate c = candidates[index];
            float s = c.Score;
            totalScore += s;
            xMin += c.Box.XMin * s;
            yMin += c.Box.YMin * s;
            xMax += (c.Box.XMin + c.Box.Width) * s;
            yMax += (c.Box.YMin + c.Box.Height) * s;
            for (int k = 0; k < 2 * DetectionCandidate.KeypointCount; k++) keypoints[k] += c.Keypoints[k] * s;
        }

        DetectionCandidate result = seed;
        float left = xMin / totalScore, top = yMin / totalScore;
        result.Box = new BoundingBox(left, top, xMax / totalScore - left, yMax / totalScore - top);
        for (int k = 0; k < 2 * DetectionCandidate.KeypointCount; k++) result.Keypoints[k] = keypoints[k] / totalScore;
        return result;
    }
}
