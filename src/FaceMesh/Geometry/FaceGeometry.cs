using System.Numerics;

namespace FaceMesh.Geometry;

/// <summary>
/// One face's 3D geometry as MediaPipe's face_geometry module computes it: the head pose and the
/// face mesh in centimetres.
/// </summary>
/// <remarks>
/// <para>Camera space is right-handed, in centimetres: the camera at the origin looks along −z, +x
/// is the image's right, +y is up, so a face in front of the camera has negative z. Model space is
/// the canonical face model's (<see cref="CanonicalFaceModel"/>): origin inside the head, +x to the
/// image right of a frontal face, +y up, +z out of the face.</para>
/// <para>An instance is reusable storage: <see cref="FaceGeometryEstimator.TryEstimate"/> and a
/// reused <see cref="FaceLandmarkerResult"/> overwrite it in place.</para>
/// </remarks>
public sealed class FaceGeometry
{
    /// <summary>Iris points of the 478-point attention mesh (landmarks 468..477).</summary>
    public const int IrisPointCount = 10;

    private readonly Vector3[] _meshVertices;
    private readonly Vector3[] _irisVertices = new Vector3[IrisPointCount];
    private bool _hasIris;

    /// <summary>Empty storage for geometry of <paramref name="model"/> (null: <see cref="CanonicalFaceModel.Default"/>).</summary>
    public FaceGeometry(CanonicalFaceModel? model = null)
    {
        Model = model ?? CanonicalFaceModel.Default;
        _meshVertices = new Vector3[Model.VertexCount];
    }

    /// <summary>The canonical model: texture coordinates, triangles and Procrustes basis, shared and read-only.</summary>
    public CanonicalFaceModel Model { get; }

    /// <summary>
    /// Model space → camera space: uniform scale (≈ 1), rotation and translation in cm. In .NET's
    /// row-vector convention: <c>Vector3.Transform(vertex, PoseTransform)</c> maps a model-space point,
    /// <see cref="Matrix4x4.Translation"/> is the head position. It is the transpose of MediaPipe's
    /// column-vector matrix, so its fields in M11, M12, …, M44 order are exactly MediaPipe's packed
    /// column-major <c>pose_transform_matrix</c>; <see cref="CopyPoseRowMajorTo"/> gives MediaPipe's
    /// matrix row by row.
    /// </summary>
    public Matrix4x4 PoseTransform { get; private set; }

    /// <summary>
    /// The face's landmarks in centimetres, in model space (the pose removed), vertex i = landmark i;
    /// <see cref="PoseTransform"/> maps them to camera space. MediaPipe's metric face mesh.
    /// </summary>
    public ReadOnlySpan<Vector3> MeshVertices => _meshVertices;

    /// <summary>
    /// The 10 iris landmarks (468..477: the subject's right iris centre and ring, then the left's)
    /// in the same model space and centimetres as <see cref="MeshVertices"/>, carried through the
    /// same depth, scale and pose but not used to fit them; empty when the landmarks had no iris
    /// (<see cref="FaceLandmarkerOptions.RefineLandmarks"/> off).
    /// </summary>
    public ReadOnlySpan<Vector3> IrisVertices => _hasIris ? _irisVertices : [];

    /// <summary>Texture coordinates per vertex, from <see cref="Model"/>.</summary>
    public ReadOnlySpan<Vector2> TextureCoordinates => Model.TextureCoordinates;

    /// <summary>Triangles (three vertex indices each), from <see cref="Model"/>.</summary>
    public ReadOnlySpan<int> TriangleIndices => Model.TriangleIndices;

    /// <summary>The camera the geometry was computed with.</summary>
    public PerspectiveCamera Camera { get; private set; } = PerspectiveCamera.MediaPipeDefault;

    /// <summary>Width of the image the result refers to, in pixels.</summary>
    public int ImageWidth { get; private set; }

    /// <summary>Height of the image the result refers to, in pixels.</summary>
    public int ImageHeight { get; private set; }

    /// <summary>MediaPipe's pose matrix, 16 floats row after row (column-vector convention: translation at 3, 7, 11).</summary>
    public void CopyPoseRowMajorTo(Span<float> destination)
    {
        if (destination.Length < 16) throw new ArgumentException("The destination needs 16 elements.", nameof(destination));
        Matrix4x4 m = PoseTransform;
        for (int r = 0; r < 4; r++)
            for (int c = 0; c < 4; c++)
                destination[r * 4 + c] = m[c, r];
    }

    /// <summary>A mesh vertex in camera space (cm).</summary>
    public Vector3 GetCameraSpaceVertex(int index)
    {
        Vector3 v = _meshVertices[index];
        Matrix4x4 m = PoseTransform;
        return new Vector3(
            (float)((double)v.X * m.M11 + (double)v.Y * m.M21 + (double)v.Z * m.M31 + m.M41),
            (float)((double)v.X * m.M12 + (double)v.Y * m.M22 + (double)v.Z * m.M32 + m.M42),
            (float)((double)v.X * m.M13 + (double)v.Y * m.M23 + (double)v.Z * m.M33 + m.M43));
    }

    /// <summary>
    /// Projects every mesh vertex back onto the image, in pixels (top-left origin): for overlays, and
    /// as a check, since these land on the input landmarks' x, y to within float rounding.
    /// </summary>
    public void ProjectMeshToImage(Span<Vector2> destination)
    {
        if (destination.Length < _meshVertices.Length)
            throw new ArgumentException($"Destination holds {destination.Length} points; the mesh has {_meshVertices.Length}.", nameof(destination));
        for (int i = 0; i < _meshVertices.Length; i++)
            destination[i] = Camera.ProjectToImage(GetCameraSpaceVertex(i), ImageWidth, ImageHeight);
    }

    internal Span<Vector3> WritableMeshVertices => _meshVertices;

    internal Span<Vector3> WritableIrisVertices => _irisVertices;

    internal void Set(Matrix4x4 pose, PerspectiveCamera camera, int imageWidth, int imageHeight, bool hasIris)
    {
        _hasIris = hasIris;
        PoseTransform = pose;
        Camera = camera;
        ImageWidth = imageWidth;
        ImageHeight = imageHeight;
    }
}
