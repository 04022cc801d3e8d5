using System.Numerics;

namespace FaceMesh.Geometry;

/// <summary>
/// Computes <see cref="FaceGeometry"/> (head pose and metric face mesh) from face-mesh landmarks,
/// as MediaPipe's face geometry pipeline does (float arithmetic, same steps), with any camera and
/// canonical model. <see cref="FaceLandmarker"/> uses one when
/// <see cref="FaceLandmarkerOptions.OutputFacialTransformationMatrixes"/> is on; use one directly for landmarks from
/// elsewhere.
/// </summary>
/// <remarks>
/// Only the first <see cref="CanonicalFaceModel.VertexCount"/> (468) landmarks are fitted: with the
/// 478-point attention mesh the 10 iris points do not influence the pose, as in MediaPipe Tasks (the
/// 468 mesh points mean the same with or without refinement); they are only carried into
/// <see cref="FaceGeometry.IrisVertices"/>. Not thread-safe: it keeps working buffers
/// (plain managed arrays, so nothing to dispose); after construction
/// <see cref="TryEstimate"/> allocates nothing.
/// </remarks>
public sealed class FaceGeometryEstimator
{
    // MediaPipe skips faces whose landmarks all lie within this normalised radius of their mean:
    // the fit would be numerically meaningless.
    private const float CompactFaceRadius = 1e-3f;

    private readonly ScreenToMetricConverter _converter;

    /// <param name="camera">null: <see cref="PerspectiveCamera.MediaPipeDefault"/>.</param>
    /// <param name="model">null: <see cref="CanonicalFaceModel.Default"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">The camera is invalid.</exception>
    public FaceGeometryEstimator(PerspectiveCamera? camera = null, CanonicalFaceModel? model = null)
    {
        Camera = camera ?? PerspectiveCamera.MediaPipeDefault;
        Camera.Validate();
        Model = model ?? CanonicalFaceModel.Default;
        _converter = new ScreenToMetricConverter(Model);
    }

    /// <summary>The virtual camera the landmarks are unprojected with.</summary>
    public PerspectiveCamera Camera { get; }

    /// <summary>The canonical face model fitted to the landmarks.</summary>
    public CanonicalFaceModel Model { get; }

    /// <summary>
    /// Estimates the geometry of one face into <paramref name="destination"/>.
    /// </summary>
    /// <param name="landmarks">Normalised landmarks (x / width, y / height, z in width units, as
    /// <see cref="Face.LandmarkSpan"/>); at least <see cref="CanonicalFaceModel.VertexCount"/>.</param>
    /// <param name="imageWidth">Width of the image the landmarks are normalised to, in pixels.</param>
    /// <param name="imageHeight">Its height.</param>
    /// <param name="destination">Overwritten on success; unspecified on failure.</param>
    /// <returns>
    /// False when MediaPipe produces no geometry for the face: its landmarks are too compact (all
    /// within 0.001 of their mean; MediaPipe skips such a face) or the fit is degenerate (MediaPipe
    /// fails the frame; here only this face has no geometry).
    /// </returns>
    /// <exception cref="ArgumentException">Too few landmarks, or a destination for another model.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A non-positive image size.</exception>
    public bool TryEstimate(ReadOnlySpan<NormalizedLandmark> landmarks, int imageWidth, int imageHeight, FaceGeometry destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(imageWidth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(imageHeight);
        int count = Model.VertexCount;
        if (landmarks.Length < count)
            throw new ArgumentException($"The face geometry needs {count} landmarks; got {landmarks.Length}.", nameof(landmarks));
        if (destination.Model != Model)
            throw new ArgumentException("The destination was made for another canonical model.", nameof(destination));

        ReadOnlySpan<NormalizedLandmark> mesh = landmarks[..count];
        if (IsTooCompact(mesh)) return false;
        var frustum = new CameraFrustum(Camera, imageWidth, imageHeight);
        bool hasIris = landmarks.Length >= count + FaceGeometry.IrisPointCount;
        ReadOnlySpan<NormalizedLandmark> iris = hasIris ? landmarks.Slice(count, FaceGeometry.IrisPointCount) : [];
        if (!_converter.TryConvert(mesh, frustum, destination.WritableMeshVertices, iris, destination.WritableIrisVertices, out SimilarityPose pose)) return false;
        destination.Set(pose.ToRowVectorMatrix(), Camera, imageWidth, imageHeight, hasIris);
        return true;
    }

    /// <summary>Like <see cref="TryEstimate"/> into a new <see cref="FaceGeometry"/>; null when there is none.</summary>
    public FaceGeometry? Estimate(ReadOnlySpan<NormalizedLandmark> landmarks, int imageWidth, int imageHeight)
    {
        var geometry = new FaceGeometry(Model);
        return TryEstimate(landmarks, imageWidth, imageHeight, geometry) ? geometry : null;
    }

    private static bool IsTooCompact(ReadOnlySpan<NormalizedLandmark> landmarks)
    {
        // A running mean, as MediaPipe computes it (its rounding decides borderline cases).
        float meanX = 0, meanY = 0;
        for (int i = 0; i < landmarks.Length; i++)
        {
            meanX += (landmarks[i].X - meanX) / (i + 1);
            meanY += (landmarks[i].Y - meanY) / (i + 1);
        }
        float maxSquared = 0;
        foreach (NormalizedLandmark p in landmarks)
        {
            float dx = p.X - meanX, dy = p.Y - meanY;
            maxSquared = MathF.Max(maxSquared, dx * dx + dy * dy);
        }
        return MathF.Sqrt(maxSquared) <= CompactFaceRadius;
    }
}
