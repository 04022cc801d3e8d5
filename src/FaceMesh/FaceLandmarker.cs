using System.Drawing;
using FaceMesh.Blendshapes;
using FaceMesh.Detectors;
using FaceMesh.Geometry;
using FaceMesh.Imaging;
using FaceMesh.Inference;
using FaceMesh.Landmarks;
using FaceMesh.Smoothing;
using FaceMesh.Thorough;
using FaceMesh.Tracking;

namespace FaceMesh;

/// <summary>
/// MediaPipe Face Mesh: finds faces and fits the 468-point mesh (or the 478-point attention mesh)
/// to each, in images or video frames.
/// </summary>
/// <remarks>
/// An instance is not thread-safe: it keeps reusable buffers and, in video mode, the previous
/// frame's faces. Create one per thread (or per video stream). Dispose it to release the models'
/// buffers; calls after disposal throw <see cref="ObjectDisposedException"/>, and disposing while
/// another thread is inside a call waits for that call to return. After warm-up a call
/// allocates nothing beyond the result (and nothing at all with the <c>TryDetect</c> overloads and a
/// reused <see cref="FaceLandmarkerResult"/>).
/// </remarks>
public sealed class FaceLandmarker : IDisposable
{
    private readonly FaceLandmarkerOptions _options;
    private readonly FaceDetectionStage _detector;
    private readonly LandmarkStage _landmarks;
    private readonly FaceDetectionStage? _otherDetector;
    private readonly ThoroughDetector? _thorough;
    private readonly DetectionViewRunner? _thoroughViews;
    private readonly ThoroughRefinement? _refinement;

    private readonly List<DetectionCandidate> _detections = [];
    private readonly List<RoiSource> _detectedRois = [];
    private readonly List<DetectionCandidate> _extraDetections = [];
    private readonly List<RoiSource> _extraRois = [];
    private readonly List<RoiSource> _trackedRois = [];
    private readonly List<RoiSource> _rois = [];
    private readonly NormalizedLandmark[] _scratch;
    private readonly FaceGeometryEstimator? _geometry;
    private readonly FaceBlendshapeEstimator? _blendshapes;

    // Video state: the previous frame's faces as next-frame ROIs, with their smoothers (same order).
    private List<NormalizedRect> _previousRois = [];
    private List<NormalizedRect> _nextRois = [];
    private List<LandmarkSmoother?> _previousSmoothers = [];
    private List<LandmarkSmoother?> _nextSmoothers = [];
    private readonly Stack<LandmarkSmoother> _smootherPool = new();
    private long _lastTimestamp = long.MinValue;
    private readonly CallGate _gate = new();

    private FaceLandmarker(FaceLandmarkerOptions options, IModelLoader loader, ThoroughSettings? thorough)
    {
        _options = options;
        // Before the models load: nothing to release if the metadata were unreadable.
        _geometry = options.OutputFacialTransformationMatrixes || options.OutputFaceBlendshapes ? new FaceGeometryEstimator() : null;
        // One neutral face serves all faces, so it adapts only while it can follow one person.
        _blendshapes = options.OutputFaceBlendshapes
            ? new FaceBlendshapeEstimator { AdaptNeutral = options.RunningMode == RunningMode.Video && options.NumFaces == 1 }
            : null;
        IInferenceModel? detectorModel = null, otherModel = null;
        try
        {
            DetectorSpec spec = DetectorSpec.For(options.DetectorModel);
            detectorModel = loader.Load(spec.Model, options.DetectorModelPath, options.ThreadCount);
            _detector = new FaceDetectionStage(detectorModel, spec);
            if (thorough is not null)
            {
                // The other model runs on the whole image and either may run on the tiles, so both are loaded.
                DetectorSpec otherSpec = options.DetectorModel == FaceDetectorModel.ShortRange ? DetectorSpec.FullRange : DetectorSpec.ShortRange;
                otherModel = loader.Load(otherSpec.Model, null, options.ThreadCount);
                _otherDetector = new FaceDetectionStage(otherModel, otherSpec);
                bool tilesOnDefault = thorough.TileModel == options.DetectorModel;
                _thoroughViews = new DetectionViewRunner(tilesOnDefault ? _detector : _otherDetector,
                    LoadViewWorkers(loader, tilesOnDefault ? spec : otherSpec, tilesOnDefault ? options.DetectorModelPath : null, options.ThreadCount));
                _thorough = new ThoroughDetector(_otherDetector, _thoroughViews, thorough);
            }
            _landmarks = new LandmarkStage(loader.Load(LandmarkModelSpec.Model(options.RefineLandmarks), options.LandmarkModelPath, options.ThreadCount), options.RefineLandmarks);
        }
        catch
        {
            detectorModel?.Dispose();
            otherModel?.Dispose();
            _thoroughViews?.Dispose();
            throw;
        }
        _scratch = new NormalizedLandmark[_landmarks.LandmarkCount];
        if (thorough is not null) _refinement = new ThoroughRefinement(_landmarks, thorough, options.MinFacePresenceConfidence);
    }

    /// <summary>
    /// With more than one thread, the thorough mode's tiles and turned views run side by side, each on
    /// its own one-thread copy of the tile model (at most <see cref="MaxViewWorkers"/>).
    /// </summary>
    private static FaceDetectionStage[] LoadViewWorkers(IModelLoader loader, DetectorSpec spec, string? path, int threadCount)
    {
        int count = Math.Min(threadCount, MaxViewWorkers);
        if (count < 2) return [];
        var workers = new List<FaceDetectionStage>(count);
        try
        {
            for (int i = 0; i < count; i++) workers.Add(new FaceDetectionStage(loader.Load(spec.Model, path, 1), spec));
        }
        catch
        {
            foreach (FaceDetectionStage worker in workers) worker.Dispose();
            throw;
        }
        return [.. workers];
    }

    // A 1.5-megapixel photo has 9 tiles and up to 30 turned views; each copy of the model holds its own buffers.
    private const int MaxViewWorkers = 8;

    /// <summary>Loads the models and returns a landmarker; <c>null</c> options mean the defaults.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    /// <exception cref="ArgumentException">Smoothing in image mode.</exception>
    public static FaceLandmarker Create(FaceLandmarkerOptions? options = null) => Create(options, RuntimeModelLoader.Instance);

    internal static FaceLandmarker Create(FaceLandmarkerOptions? options, IModelLoader loader) => Create(options, loader, null);

    /// <summary>As <see cref="Create(FaceLandmarkerOptions?)"/>, with other thorough-mode parts than the kept ones (for the ablation).</summary>
    internal static FaceLandmarker Create(FaceLandmarkerOptions? options, IModelLoader loader, ThoroughSettings? thorough)
    {
        options ??= new FaceLandmarkerOptions();
        options.Validate();
        return new FaceLandmarker(options, loader, options.Thorough ? thorough ?? ThoroughSettings.Kept : null);
    }

    /// <summary>The options this landmarker was created with.</summary>
    public FaceLandmarkerOptions Options => _options;

    /// <summary>Finds faces in an independent image (<see cref="RunningMode.Image"/>): the detector runs on every call.</summary>
    /// <exception cref="InvalidOperationException">The landmarker is in video mode.</exception>
    public FaceLandmarkerResult Detect(ImageView image)
    {
        var result = new FaceLandmarkerResult();
        TryDetect(image, result);
        return result;
    }

    /// <summary>Like <see cref="Detect"/>, overwriting a caller-owned result; returns whether any face was found.</summary>
    public bool TryDetect(ImageView image, FaceLandmarkerResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        _gate.Enter(this);
        try
        {
            RequireMode(RunningMode.Image, nameof(DetectForVideo));
            Process(image, 0, result);
        }
        finally
        {
            _gate.Exit();
        }
        return result.Faces.Count > 0;
    }

    /// <summary>
    /// Processes the next frame of a video (<see cref="RunningMode.Video"/>). Faces found in the
    /// previous frame are followed from their landmarks; the detector runs only while fewer than
    /// <see cref="FaceLandmarkerOptions.NumFaces"/> faces are tracked.
    /// </summary>
    /// <param name="image">The frame.</param>
    /// <param name="timestampMilliseconds">Frame time; must increase strictly from call to call.</param>
    /// <exception cref="InvalidOperationException">The landmarker is in image mode.</exception>
    /// <exception cref="ArgumentException">The timestamp does not increase.</exception>
    public FaceLandmarkerResult DetectForVideo(ImageView image, long timestampMilliseconds)
    {
        var result = new FaceLandmarkerResult();
        TryDetectForVideo(image, timestampMilliseconds, result);
        return result;
    }

    /// <summary>Like <see cref="DetectForVideo"/>, overwriting a caller-owned result; returns whether any face was found.</summary>
    public bool TryDetectForVideo(ImageView image, long timestampMilliseconds, FaceLandmarkerResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        _gate.Enter(this);
        try
        {
            RequireMode(RunningMode.Video, nameof(Detect));
            if (timestampMilliseconds <= _lastTimestamp)
                throw new ArgumentException(
                    $"Video timestamps must increase strictly: got {timestampMilliseconds} ms after {_lastTimestamp} ms.",
                    nameof(timestampMilliseconds));
            Process(image, timestampMilliseconds, result);
            _lastTimestamp = timestampMilliseconds;
        }
        finally
        {
            _gate.Exit();
        }
        return result.Faces.Count > 0;
    }

    /// <summary>
    /// The pixels the next <see cref="TryDetectForVideo"/> (or <see cref="DetectForVideo"/>) call
    /// will read from a <paramref name="imageWidth"/> x <paramref name="imageHeight"/> frame, when
    /// it is known to read only part of it; null when it may read any pixel. A caller that prepares
    /// frames (a colour conversion, a copy) can then prepare only this rectangle: the call's result
    /// does not depend on any pixel outside it.
    /// </summary>
    /// <remarks>
    /// Only video mode while every face slot is tracked gives a rectangle: the call then crops the
    /// ROIs that the previous frame's landmarks gave, and nothing else. The rectangle covers every
    /// pixel those crops can sample (with either <see cref="Imaging.Sampling"/> convention, the
    /// bilinear neighbours and the edge clamping included) plus a few pixels of margin, clamped to
    /// the image. Null whenever the face detector may run (the first frame, after
    /// <see cref="ResetTracking"/>, while fewer than <see cref="FaceLandmarkerOptions.NumFaces"/>
    /// faces are tracked), in image mode and in thorough mode. The answer holds for the next call
    /// only, and only for a frame of the size given here.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException">A size that is not positive.</exception>
    public Rectangle? GetNextVideoFrameReadRegion(int imageWidth, int imageHeight)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(imageWidth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(imageHeight);
        _gate.Enter(this);
        try
        {
            if (_options.RunningMode != RunningMode.Video || _thorough is not null) return null;
            if (DetectionPolicy.ShouldDetect(_options.RunningMode, _previousRois.Count, _options.NumFaces)) return null;
            return CropReadBounds.Union(_previousRois, imageWidth, imageHeight);
        }
        finally
        {
            _gate.Exit();
        }
    }

    // Candidates of all thorough views whose box no ROI tried above covers, best first, until the
    // face limit is reached; each must pass the face flag on its own crop and again on the crop of
    // its own landmarks (a false detection rarely passes twice), and cover no face already taken.
    private void AddThoroughFaces(ImageView image, long timestamp, FaceLandmarkerResult result)
    {
        int width = image.Width, height = image.Height;
        _thorough!.Detect(image, _options.Sampling, _options.MinFaceDetectionConfidence, _options.NumFaces, _detections, _extraDetections);
        int limit = (_options.NumFaces - result.Faces.Count) * _thorough.Settings.MaxCandidatesPerFace;
        _extraRois.Clear();
        foreach (DetectionCandidate candidate in _extraDetections)
        {
            if (_extraRois.Count >= limit) break;
            NormalizedRect rect = RoiFromDetection.Compute(candidate, width, height);
            if (RoiAssociation.Overlaps(rect, _rois, ThoroughSettings.DuplicateOverlap)) continue;
            _detections.Add(candidate);
            _extraRois.Add(RoiSource.FromDetection(rect, _detections.Count - 1));
        }
        foreach (RoiSource roi in _extraRois)
        {
            if (result.Faces.Count >= _options.NumFaces) break;
            AddFace(image, roi, timestamp, result, extra: true);
        }
    }

    private void AddFace(ImageView image, in RoiSource roi, long timestamp, FaceLandmarkerResult result, bool extra)
    {
        if (roi.Rect.Width == 0 && roi.Rect.Height == 0) return;
        int width = image.Width, height = image.Height;
        NormalizedRect crop = roi.Rect;
        float presence = _landmarks.Run(image, crop, _options.Sampling, _scratch);
        if (!FaceFlag.IsPresent(presence, _options.MinFacePresenceConfidence)) return;
        if (_refinement is not null)
        {
            bool confirmed = true;
            if (roi.DetectionIndex >= 0) presence = _refinement.Refine(image, ref crop, presence, _options.Sampling, _scratch, out confirmed);
            float disagreement = _refinement.LastViewDisagreement;
            _thorough!.Settings.ViewDisagreementObserved?.Invoke(extra, disagreement);
            // MediaPipe's own faces are kept whatever the refinement says; only the extra ones must be
            // confirmed, look alike mirrored, and be new.
            bool taken = _refinement.TakeIfNew(_scratch, width, height);
            if (extra && (!confirmed || !taken || disagreement > _thorough.Settings.MaxViewDisagreement)) return;
        }

        Face face = result.AddFace();
        DetectionCandidate? detection = roi.DetectionIndex >= 0 ? _detections[roi.DetectionIndex] : null;
        face.Set(crop, presence, detection, width, height);
        Span<NormalizedLandmark> landmarks = face.PrepareLandmarks(_scratch.Length);
        _scratch.CopyTo(landmarks);

        if (_options.RunningMode != RunningMode.Video) return;
        // The next ROI comes from the raw landmarks; smoothing only changes what is returned.
        _nextRois.Add(RoiFromLandmarks.Compute(_scratch, width, height));
        LandmarkSmoother? smoother = null;
        if (_options.Smoothing)
        {
            smoother = roi.PreviousFace >= 0 ? TakePreviousSmoother(roi.PreviousFace) : RentSmoother();
            smoother.Apply(landmarks, timestamp, width, height);
        }
        _nextSmoothers.Add(smoother);
    }

    private void RequireMode(RunningMode mode, string otherMethod)
    {
        if (_options.RunningMode != mode)
            throw new InvalidOperationException(
                $"This landmarker was created with RunningMode.{_options.RunningMode}; call {otherMethod} instead, or create another landmarker with RunningMode.{mode}.");
    }

    private void Process(ImageView image, long timestamp, FaceLandmarkerResult result)
    {
        if (image.Pixels.IsEmpty) throw new ArgumentException("The image view is empty (default).", nameof(image));
        int width = image.Width, height = image.Height;
        result.Reset(width, height, timestamp);

        _detectedRois.Clear();
        _detections.Clear();
        bool detecting = DetectionPolicy.ShouldDetect(_options.RunningMode, _previousRois.Count, _options.NumFaces);
        if (detecting)
        {
            _detector.Detect(image, _options.Sampling, _options.MinFaceDetectionConfidence, _detections);
            if (_detections.Count > _options.NumFaces) _detections.RemoveRange(_options.NumFaces, _detections.Count - _options.NumFaces);
            for (int i = 0; i < _detections.Count; i++)
                _detectedRois.Add(RoiSource.FromDetection(RoiFromDetection.Compute(_detections[i], width, height), i));
        }

        _trackedRois.Clear();
        for (int i = 0; i < _previousRois.Count; i++) _trackedRois.Add(RoiSource.FromPreviousFace(_previousRois[i], i));
        RoiAssociation.Merge(_detectedRois, _trackedRois, _rois, _options.MinTrackingConfidence);

        _nextRois.Clear();
        _nextSmoothers.Clear();
        _refinement?.StartImage();
        // Thorough mode first runs MediaPipe's pipeline unchanged and keeps every face it finds, so it
        // can never lose one of them; its extra views only add faces that none of these cover.
        foreach (RoiSource roi in _rois) AddFace(image, roi, timestamp, result, extra: false);
        if (_thorough is not null && detecting && result.Faces.Count < _options.NumFaces) AddThoroughFaces(image, timestamp, result);

        // From the returned (possibly smoothed) landmarks, so the pose describes what the caller sees.
        for (int i = 0; i < result.Faces.Count; i++)
        {
            result.Faces[i].UpdateGeometry(_geometry);
            result.Faces[i].UpdateBlendshapes(_blendshapes);
        }

        // Faces not continued this frame are lost: their smoothers start over if reused.
        foreach (LandmarkSmoother? lost in _previousSmoothers)
            if (lost is not null) ReturnSmoother(lost);
        (_previousRois, _nextRois) = (_nextRois, _previousRois);
        (_previousSmoothers, _nextSmoothers) = (_nextSmoothers, _previousSmoothers);
    }

    /// <summary>
    /// Forgets what video mode carries from frame to frame: the tracked faces (the next frame runs
    /// the detector), their landmark smoothing and the last timestamp, so the next video can start
    /// at 0 ms. One landmarker can then process many videos in turn without reloading its models.
    /// The neutral-face calibration is kept; call <see cref="ResetNeutral"/> too for another person.
    /// </summary>
    public void ResetTracking()
    {
        _gate.Enter(this);
        try
        {
            _previousRois.Clear();
            foreach (LandmarkSmoother? smoother in _previousSmoothers)
                if (smoother is not null) ReturnSmoother(smoother);
            _previousSmoothers.Clear();
            _lastTimestamp = long.MinValue;
        }
        finally
        {
            _gate.Exit();
        }
    }

    /// <summary>
    /// Takes <paramref name="face"/> (from this landmarker's latest result) as the neutral expression
    /// of the person in front of the camera: later blendshape scores measure change from it rather than
    /// from the canonical face. One calibration serves every face this landmarker reports.
    /// </summary>
    /// <returns>False when the face has no geometry (calibration unchanged).</returns>
    /// <exception cref="InvalidOperationException"><see cref="FaceLandmarkerOptions.OutputFaceBlendshapes"/> is off.</exception>
    public bool CalibrateNeutral(Face face)
    {
        ArgumentNullException.ThrowIfNull(face);
        ObjectDisposedException.ThrowIf(_gate.IsClosed, this);
        FaceBlendshapeEstimator estimator = _blendshapes
            ?? throw new InvalidOperationException("CalibrateNeutral needs a landmarker created with OutputFaceBlendshapes.");
        return face.Geometry is { } geometry && estimator.CalibrateNeutral(geometry);
    }

    /// <summary>Forgets <see cref="CalibrateNeutral"/> (and the video-mode adaptation): scores measure change from the default neutral face again.</summary>
    public void ResetNeutral() => _blendshapes?.ResetNeutral();

    private LandmarkSmoother TakePreviousSmoother(int previousFace)
    {
        LandmarkSmoother? smoother = _previousSmoothers[previousFace];
        _previousSmoothers[previousFace] = null;
        return smoother ?? RentSmoother();
    }

    private LandmarkSmoother RentSmoother() =>
        _smootherPool.TryPop(out LandmarkSmoother? smoother)
            ? smoother
            : new LandmarkSmoother(_scratch.Length, OneEuroParameters.FaceLandmarker);

    private void ReturnSmoother(LandmarkSmoother smoother)
    {
        smoother.Reset();
        _smootherPool.Push(smoother);
    }

    /// <summary>Releases the models' buffers; later calls throw <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        // Waits for a call running on another thread rather than freeing its buffers under it.
        if (!_gate.Close()) return;
        _detector.Dispose();
        _otherDetector?.Dispose();
        _thoroughViews?.Dispose();
        _landmarks.Dispose();
    }
}
