using System.Numerics;
using FaceMesh.Models;

namespace FaceMesh.Geometry;

/// <summary>
/// MediaPipe's canonical face model (<c>geometry_pipeline_metadata_landmarks.binarypb</c>): a
/// 468-vertex mesh whose vertex i is face-mesh landmark i, in centimetres (right-handed: x to the
/// image right, y up, z towards the camera), its texture coordinates and 898 triangles, and the 33
/// weighted landmarks the pose is fitted to. Immutable; one instance can serve any number of
/// estimators and results.
/// </summary>
public sealed class CanonicalFaceModel
{
    private static readonly Lazy<CanonicalFaceModel> EmbeddedModel =
        new(() => Parse(MediaPipeModels.ReadAllBytes(MediaPipeModel.GeometryPipelineMetadata)));

    private readonly Vector3[] _positions;
    private readonly Vector2[] _textureCoordinates;
    private readonly int[] _triangleIndices;
    private readonly float[] _weights;
    private readonly ProcrustesLandmark[] _basis;

    internal CanonicalFaceModel(Vector3[] positions, Vector2[] textureCoordinates, int[] triangleIndices, ProcrustesLandmark[] basis)
    {
        _positions = positions;
        _textureCoordinates = textureCoordinates;
        _triangleIndices = triangleIndices;
        _basis = basis;
        // Later entries for the same id replace earlier ones, as MediaPipe fills its weight vector.
        _weights = new float[positions.Length];
        foreach (ProcrustesLandmark landmark in basis) _weights[landmark.LandmarkId] = landmark.Weight;
    }

    /// <summary>The model shipped with MediaPipe Face Mesh (embedded in FaceMesh.Models), parsed once.</summary>
    public static CanonicalFaceModel Default => EmbeddedModel.Value;

    /// <summary>Reads a <c>GeometryPipelineMetadata</c> binary proto (e.g. another MediaPipe metadata file).</summary>
    /// <exception cref="InvalidDataException">The bytes are not valid metadata.</exception>
    /// <exception cref="NotSupportedException">The metadata is for the face-detection pipeline.</exception>
    public static CanonicalFaceModel Parse(ReadOnlySpan<byte> binaryProto) => GeometryMetadataParser.Parse(binaryProto);

    /// <summary>Number of vertices, which is also the number of landmarks the estimator uses.</summary>
    public int VertexCount => _positions.Length;

    /// <summary>Triangles of the mesh (<see cref="TriangleIndices"/> holds three indices each).</summary>
    public int TriangleCount => _triangleIndices.Length / 3;

    /// <summary>Canonical vertex positions in centimetres.</summary>
    public ReadOnlySpan<Vector3> Positions => _positions;

    /// <summary>Texture coordinates per vertex (u to the right, v downwards, 0..1).</summary>
    public ReadOnlySpan<Vector2> TextureCoordinates => _textureCoordinates;

    /// <summary>Triangles as vertex indices, three per triangle, in MediaPipe's order.</summary>
    public ReadOnlySpan<int> TriangleIndices => _triangleIndices;

    /// <summary>The Procrustes basis as stored in the file.</summary>
    public ReadOnlySpan<ProcrustesLandmark> ProcrustesBasis => _basis;

    /// <summary>Procrustes weight of every vertex (0 for vertices outside the basis).</summary>
    public ReadOnlySpan<float> ProcrustesWeights => _weights;
}
