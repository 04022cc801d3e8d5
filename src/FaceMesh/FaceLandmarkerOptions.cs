using FaceMesh.Imaging;

namespace FaceMesh;

/// <summary>
/// Options of <see cref="FaceLandmarker"/>, named as MediaPipe Tasks' <c>FaceLandmarkerOptions</c>
/// (<c>num_faces</c>, <c>min_face_detection_confidence</c>, <c>min_face_presence_confidence</c>,
/// <c>min_tracking_confidence</c>, <c>output_facial_transformation_matrixes</c>, running mode).
/// Defaults reproduce MediaPipe's. The README maps the legacy Face Mesh names onto these.
/// </summary>
public sealed record FaceLandmarkerOptions
{
    /// <summary>Most faces to find (MediaPipe Tasks <c>num_faces</c>; legacy <c>max_num_faces</c>), 1..<see cref="NumFacesLimit"/>.</summary>
    public int NumFaces { get; init; } = 1;

    /// <summary>
    /// true: the attention model and 478 landmarks (refined lips and eyes, 10 iris points);
    /// false: the plain 468-point mesh.
    /// </summary>
    public bool RefineLandmarks { get; init; } = true;

    /// <summary>
    /// Detector score a face needs to be found, 0..1 (inclusive: a score equal to it is kept).
    /// Legacy Face Mesh: <c>min_detection_confidence</c>.
    /// </summary>
    public float MinFaceDetectionConfidence { get; init; } = 0.5f;

    /// <summary>
    /// Face-presence probability a face needs to be kept (strictly above it), 0..1. MediaPipe applies
    /// it to every face in both running modes; in video mode a face that falls to it or below is
    /// dropped and looked for again by the detector. Legacy Face Mesh called this
    /// <c>min_tracking_confidence</c>.
    /// </summary>
    public float MinFacePresenceConfidence { get; init; } = 0.5f;

    /// <summary>
    /// Video mode: overlap (intersection over union) above which a new detection is taken to be a
    /// face already tracked, so the tracked one is kept instead, 0..1. As MediaPipe Tasks'
    /// <c>min_tracking_confidence</c>; legacy Face Mesh fixed it at 0.5.
    /// </summary>
    public float MinTrackingConfidence { get; init; } = 0.5f;

    /// <summary>Independent images, or video frames tracked from one to the next.</summary>
    public RunningMode RunningMode { get; init; } = RunningMode.Image;

    /// <summary>Face detector model; MediaPipe Face Mesh uses <see cref="FaceDetectorModel.ShortRange"/>.</summary>
    public FaceDetectorModel DetectorModel { get; init; } = FaceDetectorModel.ShortRange;

    /// <summary>Which MediaPipe build's image sampling to reproduce (see <see cref="Imaging.Sampling"/>).</summary>
    public Sampling Sampling { get; init; } = Sampling.MediaPipeCpu;

    /// <summary>
    /// One-euro smoothing of the returned landmarks (MediaPipe Tasks' face parameters), video mode
    /// only. Tracking always uses the raw landmarks. MediaPipe Face Mesh itself does not smooth.
    /// </summary>
    public bool Smoothing { get; init; }

    /// <summary>
    /// Threads each model may use, 1..<see cref="ThreadCountLimit"/>. With <see cref="Thorough"/>, the
    /// tiles and turned views also run side by side on that many one-thread copies of the tile model
    /// (at most 8); results are the same for any thread count.
    /// </summary>
    public int ThreadCount { get; init; } = 1;

    /// <summary>
    /// A BlazeFace .tflite file to use instead of the embedded one (null = embedded). It must have
    /// the inputs and outputs of the model <see cref="DetectorModel"/> selects; this is checked at creation.
    /// </summary>
    public string? DetectorModelPath { get; init; }

    /// <summary>
    /// A landmark .tflite file to use instead of the embedded one (null = embedded):
    /// face_landmark_with_attention.tflite's tensors when <see cref="RefineLandmarks"/> is true,
    /// face_landmark.tflite's otherwise; checked at creation.
    /// </summary>
    public string? LandmarkModelPath { get; init; }

    /// <summary>
    /// Also compute each face's 3D geometry (<see cref="Face.Geometry"/>: head pose and metric mesh
    /// in cm), as MediaPipe Face Mesh's <c>enableFaceGeometry</c>, with MediaPipe's default camera
    /// (see <see cref="Geometry.FaceGeometryEstimator"/> for other cameras). With
    /// <see cref="RefineLandmarks"/> the first 468 landmarks are used.
    /// </summary>
    public bool OutputFacialTransformationMatrixes { get; init; }

    /// <summary>
    /// Also score each face's expression (<see cref="Face.Blendshapes"/>: MediaPipe's 52 ARKit-named
    /// categories, see <see cref="Blendshapes.FaceBlendshapes"/>), as MediaPipe Tasks'
    /// <c>output_face_blendshapes</c>. The scores are measured on the metric, pose-normalised mesh,
    /// so this computes the face geometry too and <see cref="Face.Geometry"/> is filled as if
    /// <see cref="OutputFacialTransformationMatrixes"/> were on. The eyeLook categories need the iris
    /// points, i.e. <see cref="RefineLandmarks"/>; without it they read 0. The neutral expression the
    /// scores start from is a typical face at rest; in video mode with <see cref="NumFaces"/> 1 it
    /// adapts to the person over the first seconds (<see cref="Blendshapes.FaceBlendshapeEstimator.AdaptNeutral"/>),
    /// and <see cref="FaceLandmarker.CalibrateNeutral"/> sets it from a frame.
    /// </summary>
    public bool OutputFaceBlendshapes { get; init; }

    /// <summary>
    /// Opt-in accuracy mode that goes beyond MediaPipe (false, the default, is MediaPipe-exact).
    /// True: the detector also runs as the full-range model, on overlapping tiles of the image and,
    /// where a view yields nothing upright, on the view turned by 90, 180 and 270 degrees, all merged
    /// by one weighted non-maximum suppression; each new face's landmarks are then refined by running
    /// the landmark model again on the ROI of its own landmarks (as video tracking does), and faces
    /// found twice are kept once. It finds small, distant and rotated faces the default misses and
    /// fits still photos more closely, at several times the cost of a detection (see the README,
    /// "Thorough mode", for the measured gains and costs). In video mode it applies whenever the
    /// detector runs. <see cref="DetectorModelPath"/> replaces only the model
    /// <see cref="DetectorModel"/> selects; the other one is the embedded model.
    /// </summary>
    public bool Thorough { get; init; }

    /// <summary>The largest <see cref="NumFaces"/> accepted.</summary>

    public const int NumFacesLimit = 64;

    /// <summary>The largest <see cref="ThreadCount"/> accepted.</summary>
    public const int ThreadCountLimit = 256;

    /// <summary>Throws if any option is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of its documented range.</exception>
    /// <exception cref="ArgumentException">Smoothing was requested in image mode.</exception>
    public void Validate()
    {
        if (NumFaces is < 1 or > NumFacesLimit)
            throw new ArgumentOutOfRangeException(nameof(NumFaces), NumFaces, $"NumFaces must be between 1 and {NumFacesLimit}.");
        OptionChecks.Probability(MinFaceDetectionConfidence, nameof(MinFaceDetectionConfidence));
        OptionChecks.Probability(MinFacePresenceConfidence, nameof(MinFacePresenceConfidence));
        OptionChecks.Probability(MinTrackingConfidence, nameof(MinTrackingConfidence));
        if (!Enum.IsDefined(RunningMode))
            throw new ArgumentOutOfRangeException(nameof(RunningMode), RunningMode, "Unknown running mode.");
        OptionChecks.Defined(DetectorModel, nameof(DetectorModel));
        OptionChecks.Defined(Sampling, nameof(Sampling));
        OptionChecks.ThreadCount(ThreadCount, ThreadCountLimit);
        if (Smoothing && RunningMode != RunningMode.Video)
            throw new ArgumentException("Smoothing needs RunningMode.Video: it filters landmarks over time, and image mode has no time.", nameof(Smoothing));
    }
}
