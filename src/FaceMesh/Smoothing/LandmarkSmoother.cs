namespace FaceMesh.Smoothing;

/// <summary>
/// Smooths one face's landmarks over time (smoothing.md section 2): three one-euro filters per
/// point working in pixel-like units (x*W, y*H, z*W), speeds normalised by the face size (mean of
/// the landmark bounding box's width and height in pixels). Drop the smoother when the face is
/// lost: a new one passes its first frame through. Not thread-safe.
/// </summary>
internal sealed class LandmarkSmoother
{
    private const float MinObjectScale = 1e-6f;
    private readonly OneEuroFilter[] _filters;
    private readonly OneEuroParameters _parameters;

    public LandmarkSmoother(int landmarkCount, OneEuroParameters parameters)
    {
        _filters = new OneEuroFilter[landmarkCount * 3];
        _parameters = parameters;
    }

    public int LandmarkCount => _filters.Length / 3;

    /// <summary>Forgets the history: the next frame passes through.</summary>
    public void Reset() => Array.Clear(_filters);

    /// <summary>Smooths <paramref name="landmarks"/> in place.</summary>
    public void Apply(Span<NormalizedLandmark> landmarks, long timestampMilliseconds, int imageWidth, int imageHeight)
    {
        if (landmarks.Length != LandmarkCount)
            throw new ArgumentException($"The smoother tracks {LandmarkCount} landmarks, got {landmarks.Length}.", nameof(landmarks));

        float xMin = float.MaxValue, xMax = float.MinValue, yMin = float.MaxValue, yMax = float.MinValue;
        foreach (NormalizedLandmark p in landmarks)
        {
            float x = p.X * imageWidth, y = p.Y * imageHeight;
            xMin = Math.Min(xMin, x); xMax = Math.Max(xMax, x);
            yMin = Math.Min(yMin, y); yMax = Math.Max(yMax, y);
        }
        float scale = ((xMax - xMin) + (yMax - yMin)) / 2;
        if (scale < MinObjectScale) return;
        float valueScale = 1f / scale;

        long t = checked(timestampMilliseconds * 1_000_000);
        for (int k = 0; k < landmarks.Length; k++)
        {
            NormalizedLandmark p = landmarks[k];
            int f = 3 * k;
            _filters[f] = _filters[f].Apply(_parameters, t, valueScale, p.X * imageWidth, out float x);
            _filters[f + 1] = _filters[f + 1].Apply(_parameters, t, valueScale, p.Y * imageHeight, out float y);
            _filters[f + 2] = _filters[f + 2].Apply(_parameters, t, valueScale, p.Z * imageWidth, out float z);
            landmarks[k] = new NormalizedLandmark(x / imageWidth, y / imageHeight, z / imageWidth);
        }
    }
}
