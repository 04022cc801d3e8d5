using System.Collections.ObjectModel;
using System.Numerics;
using FaceMesh.Blendshapes;
using FaceMesh.Detectors;
using FaceMesh.Geometry;

namespace FaceMesh;

/// <summary>
/// One face of a <see cref="FaceLandmarkerResult"/>. Owned by its result: when a result is reused
/// (<see cref="FaceLandmarker.TryDetect"/>), its faces are overwritten in place, so copy what you
/// need to keep.
/// </summary>
public sealed class Face
{
    private readonly Detection _detection = new();
    private NormalizedLandmark[] _landmarks = [];
    private ReadOnlyCollection<NormalizedLandmark> _landmarkList = ReadOnlyCollection<NormalizedLandmark>.Empty;
    private FaceGeometry? _geometryStorage;
    private FaceBlendshapes? _blendshapesStorage;

    internal Face()
    {
    }

    /// <summary>
    /// The detection this face's ROI came from, or <c>null</c> when the ROI was carried over from
    /// the previous video frame's landmarks (the detector does not run while all faces are tracked,
    /// and a tracked ROI replaces an overlapping new detection).
    /// </summary>
    public Detection? Detection { get; private set; }

    /// <summary>
    /// 468 points (<see cref="FaceLandmarkerOptions.RefineLandmarks"/> false) or 478 (true: 468..472 the
    /// iris in the image-left eye, i.e. the subject's right, 473..477 the other), normalised as
    /// MediaPipe reports them (see <see cref="NormalizedLandmark"/>).
    /// </summary>
    public IReadOnlyList<NormalizedLandmark> Landmarks => _landmarkList;

    /// <summary>The same points as <see cref="Landmarks"/>, without an interface call per point.</summary>
    public ReadOnlySpan<NormalizedLandmark> LandmarkSpan => _landmarks;

    /// <summary>Face-presence probability from the landmark model (sigmoid of its face flag).</summary>
    public float FaceFlag { get; private set; }

    /// <summary>The region the landmark model saw (square in pixels, rotated to level the eyes).</summary>
    public NormalizedRect Roi { get; private set; }

    /// <summary>Width of the image the result refers to, in pixels.</summary>
    public int ImageWidth { get; private set; }

    /// <summary>Height of the image the result refers to, in pixels.</summary>
    public int ImageHeight { get; private set; }

    /// <summary>
    /// Head pose and metric face mesh, when <see cref="FaceLandmarkerOptions.OutputFacialTransformationMatrixes"/> (or
    /// <see cref="FaceLandmarkerOptions.OutputFaceBlendshapes"/>) is on and MediaPipe's geometry stage accepts the face; otherwise null. Computed from
    /// <see cref="Landmarks"/> (smoothed ones when smoothing is on).
    /// </summary>
    public FaceGeometry? Geometry { get; private set; }

    /// <summary>
    /// Expression scores, when <see cref="FaceLandmarkerOptions.OutputFaceBlendshapes"/> is on and the
    /// face has <see cref="Geometry"/>; otherwise null. Reused storage, overwritten with the result.
    /// </summary>
    public FaceBlendshapes? Blendshapes { get; private set; }

    /// <summary>Landmark <paramref name="index"/> in pixels: (x*W, y*H, z*W).</summary>
    public Vector3 GetPixelLandmark(int index)
    {
        NormalizedLandmark p = _landmarks[index];
        return new Vector3(p.X * ImageWidth, p.Y * ImageHeight, p.Z * ImageWidth);
    }

    /// <summary>Writes every landmark in pixels (x*W, y*H, z*W) to <paramref name="destination"/>.</summary>
    public void CopyPixelLandmarksTo(Span<Vector3> destination)
    {
        if (destination.Length < _landmarks.Length)
            throw new ArgumentException($"Destination holds {destination.Length} points; the face has {_landmarks.Length}.", nameof(destination));
        for (int k = 0; k < _landmarks.Length; k++) destination[k] = GetPixelLandmark(k);
    }

    /// <summary>Every landmark in pixels, in a new array.</summary>
    public Vector3[] ToPixelLandmarks()
    {
        var points = new Vector3[_landmarks.Length];
        CopyPixelLandmarksTo(points);
        return points;
    }

    /// <summary>Writable storage for <paramref name="count"/> landmarks, reused when the count is unchanged.</summary>
    internal Span<NormalizedLandmark> PrepareLandmarks(int count)
    {
        if (_landmarks.Length != count)
        {
            _landmarks = new NormalizedLandmark[count];
            _landmarkList = new ReadOnlyCollection<NormalizedLandmark>(_landmarks);
        }
        return _landmarks;
    }

    /// <summary>Estimates <see cref="Geometry"/> from the landmarks, into storage kept across reuse.</summary>
    internal void UpdateGeometry(FaceGeometryEstimator? estimator)
    {
        if (estimator is null)
        {
            Geometry = null;
            return;
        }
        if (_geometryStorage?.Model != estimator.Model) _geometryStorage = new FaceGeometry(estimator.Model);
        Geometry = estimator.TryEstimate(_landmarks, ImageWidth, ImageHeight, _geometryStorage) ? _geometryStorage : null;
    }

    /// <summary>Scores <see cref="Blendshapes"/> from <see cref="Geometry"/>, into storage kept across reuse.</summary>
    internal void UpdateBlendshapes(FaceBlendshapeEstimator? estimator)
    {
        if (estimator is null || Geometry is null)
        {
            Blendshapes = null;
            return;
        }
        _blendshapesStorage ??= new FaceBlendshapes();
        Blendshapes = estimator.TryEstimate(Geometry, _blendshapesStorage) ? _blendshapesStorage : null;
    }

    internal void Set(in NormalizedRect roi, float faceFlag, in DetectionCandidate? detection, int imageWidth, int imageHeight)
    {
        Roi = roi;
        FaceFlag = faceFlag;
        ImageWidth = imageWidth;
        ImageHeight = imageHeight;
        if (detection is { } d)
        {
            _detection.Set(d, imageWidth, imageHeight);
            Detection = _detection;
        }
        else
        {
            Detection = null;
        }
    }
}
