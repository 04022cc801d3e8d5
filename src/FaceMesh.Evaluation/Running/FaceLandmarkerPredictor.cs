using System.Numerics;
using FaceMesh.Imaging;

namespace FaceMesh.Evaluation;

/// <summary>
/// Runs a <see cref="FaceLandmarker"/> under one protocol: image mode for reacquisition; for tracking,
/// a fresh video-mode landmarker per image that sees the same image <see cref="TrackingFrames"/> times
/// (the first from the detector, the rest from the previous frame's landmarks) and reports the last.
/// </summary>
public sealed class FaceLandmarkerPredictor : ILandmarkPredictor
{
    /// <summary>Frames of the tracking protocol when not given: the detector's frame plus four tracked ones.</summary>
    public const int DefaultTrackingFrames = 5;

    private const long FrameIntervalMilliseconds = 33;

    private readonly FaceLandmarkerOptions _options;
    private readonly Func<FaceLandmarkerOptions, FaceLandmarker> _factory;
    private readonly FaceLandmarkerResult _result = new();
    private FaceLandmarker? _imageMode;

    /// <param name="options">The pipeline to evaluate; its running mode is replaced by the protocol's.</param>
    /// <param name="protocol">Where the crop comes from.</param>
    /// <param name="trackingFrames">Frames per image under <see cref="EvaluationProtocol.Tracking"/> (at least 2).</param>
    /// <param name="factory">Creates the landmarker (default <see cref="FaceLandmarker.Create(FaceLandmarkerOptions?)"/>).</param>
    public FaceLandmarkerPredictor(FaceLandmarkerOptions options, EvaluationProtocol protocol, int trackingFrames = DefaultTrackingFrames,
        Func<FaceLandmarkerOptions, FaceLandmarker>? factory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (protocol == EvaluationProtocol.Tracking) ArgumentOutOfRangeException.ThrowIfLessThan(trackingFrames, 2);
        Protocol = protocol;
        TrackingFrames = trackingFrames;
        _options = options with
        {
            RunningMode = protocol == EvaluationProtocol.Tracking ? RunningMode.Video : RunningMode.Image,
            Smoothing = false,
        };
        _options.Validate();
        _factory = factory ?? (o => FaceLandmarker.Create(o));
    }

    public EvaluationProtocol Protocol { get; }

    public int TrackingFrames { get; }

    public IReadOnlyList<Vector2[]> Predict(ImageView image)
    {
        if (Protocol == EvaluationProtocol.Reacquisition)
        {
            _imageMode ??= _factory(_options);
            _imageMode.TryDetect(image, _result);
            return Copy(_result);
        }
        // No state may carry over from the previous image, so each image gets its own video stream.
        using FaceLandmarker video = _factory(_options);
        for (int frame = 0; frame < TrackingFrames; frame++)
            video.TryDetectForVideo(image, frame * FrameIntervalMilliseconds, _result);
        return Copy(_result);
    }

    private static Vector2[][] Copy(FaceLandmarkerResult result) =>
        result.Faces.Select(face => face.ToPixelLandmarks().Select(p => new Vector2(p.X, p.Y)).ToArray()).ToArray();

    public void Dispose() => _imageMode?.Dispose();
}
