using System.Collections.ObjectModel;
using System.Numerics;
using FaceMesh.Detectors;

namespace FaceMesh;

/// <summary>
/// One face found by the BlazeFace detector, after weighted non-maximum suppression and removal
/// of the letterbox. Normalised coordinates are fractions of the image width (x) and height (y)
/// and may fall outside [0, 1] for faces cut by the image edge.
/// </summary>
public sealed class Detection
{
    private readonly Vector2[] _relativeKeypoints = new Vector2[DetectionCandidate.KeypointCount];
    private readonly Vector2[] _pixelKeypoints = new Vector2[DetectionCandidate.KeypointCount];

    internal Detection()
    {
        RelativeKeypoints = new ReadOnlyCollection<Vector2>(_relativeKeypoints);
        PixelKeypoints = new ReadOnlyCollection<Vector2>(_pixelKeypoints);
    }

    /// <summary>Sigmoid confidence of the strongest anchor of this face (0..1).</summary>
    public float Score { get; private set; }

    /// <summary>The face box, normalised (MediaPipe's <c>relative_bounding_box</c>).</summary>
    public BoundingBox RelativeBoundingBox { get; private set; }

    /// <summary>The face box in pixels of the input image.</summary>
    public BoundingBox PixelBoundingBox => new(
        RelativeBoundingBox.XMin * ImageWidth, RelativeBoundingBox.YMin * ImageHeight,
        RelativeBoundingBox.Width * ImageWidth, RelativeBoundingBox.Height * ImageHeight);

    /// <summary>The six keypoints, normalised, indexed by <see cref="FaceKeypoint"/>.</summary>
    public IReadOnlyList<Vector2> RelativeKeypoints { get; }

    /// <summary>The six keypoints in pixels, indexed by <see cref="FaceKeypoint"/>.</summary>
    public IReadOnlyList<Vector2> PixelKeypoints { get; }

    /// <summary>One keypoint, normalised.</summary>
    public Vector2 GetRelativeKeypoint(FaceKeypoint keypoint) => _relativeKeypoints[(int)keypoint];

    /// <summary>One keypoint in pixels.</summary>
    public Vector2 GetPixelKeypoint(FaceKeypoint keypoint) => _pixelKeypoints[(int)keypoint];

    /// <summary>Width of the image the detection refers to, in pixels.</summary>
    public int ImageWidth { get; private set; }

    /// <summary>Height of the image the detection refers to, in pixels.</summary>
    public int ImageHeight { get; private set; }

    internal void Set(in DetectionCandidate candidate, int imageWidth, int imageHeight)
    {
        Score = candidate.Score;
        RelativeBoundingBox = candidate.Box;
        ImageWidth = imageWidth;
        ImageHeight = imageHeight;
        for (int k = 0; k < DetectionCandidate.KeypointCount; k++)
        {
            var p = new Vector2(candidate.Keypoints[2 * k], candidate.Keypoints[2 * k + 1]);
            _relativeKeypoints[k] = p;
            _pixelKeypoints[k] = new Vector2(p.X * imageWidth, p.Y * imageHeight);
        }
    }

    internal static Detection From(in DetectionCandidate candidate, int imageWidth, int imageHeight)
    {
        var d = new Detection();
        d.Set(candidate, imageWidth, imageHeight);
        return d;
    }
}
