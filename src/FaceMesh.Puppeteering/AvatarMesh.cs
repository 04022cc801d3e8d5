using System.Numerics;
using FaceMesh.Geometry;

namespace FaceMesh.Puppeteering;

/// <summary>
/// A face mesh to puppeteer, in MediaPipe's 468-vertex topology: vertex i sits where face-mesh
/// landmark i would on this face. Positions are in the avatar's own units and frame (the
/// retargeting fits the mapping from the tracked face), triangles three indices each, texture
/// coordinates optional. Immutable.
/// </summary>
public sealed class AvatarMesh
{
    /// <summary>Vertices every avatar has: the face-mesh landmarks without the iris points.</summary>
    public const int RequiredVertexCount = 468;

    private static readonly Lazy<AvatarMesh> CanonicalMesh = new(() => FromCanonicalModel(CanonicalFaceModel.Default));

    private readonly Vector3[] _positions;
    private readonly int[] _triangleIndices;
    private readonly Vector2[] _textureCoordinates;

    /// <exception cref="ArgumentException">Not 468 vertices, non-finite positions, a triangle
    /// list whose length is not a multiple of 3 or that indexes outside the mesh or repeats a vertex,
    /// or texture coordinates whose count is neither 0 nor the vertex count.</exception>
    public AvatarMesh(ReadOnlySpan<Vector3> positions, ReadOnlySpan<int> triangleIndices, ReadOnlySpan<Vector2> textureCoordinates = default)
    {
        if (positions.Length != RequiredVertexCount)
            throw new ArgumentException($"An avatar needs MediaPipe's {RequiredVertexCount}-vertex topology; this mesh has {positions.Length} vertices.", nameof(positions));
        foreach (Vector3 p in positions)
            if (!float.IsFinite(p.X) || !float.IsFinite(p.Y) || !float.IsFinite(p.Z))
                throw new ArgumentException("An avatar vertex is not a finite number.", nameof(positions));
        if (triangleIndices.Length == 0 || triangleIndices.Length % 3 != 0)
            throw new ArgumentException($"Triangles come three indices each; got {triangleIndices.Length} indices.", nameof(triangleIndices));
        for (int t = 0; t < triangleIndices.Length; t += 3)
        {
            int a = triangleIndices[t], b = triangleIndices[t + 1], c = triangleIndices[t + 2];
            if ((uint)a >= RequiredVertexCount || (uint)b >= RequiredVertexCount || (uint)c >= RequiredVertexCount)
                throw new ArgumentException($"Triangle {t / 3} refers to a vertex outside 0..{RequiredVertexCount - 1}.", nameof(triangleIndices));
            if (a == b || b == c || a == c)
                throw new ArgumentException($"Triangle {t / 3} repeats a vertex.", nameof(triangleIndices));
        }
        if (textureCoordinates.Length != 0 && textureCoordinates.Length != positions.Length)
            throw new ArgumentException($"Texture coordinates: {textureCoordinates.Length} for {positions.Length} vertices.", nameof(textureCoordinates));
        _positions = positions.ToArray();
        _triangleIndices = triangleIndices.ToArray();
        _textureCoordinates = textureCoordinates.ToArray();
    }

    /// <summary>MediaPipe's canonical face (centimetres, with its texture coordinates): the default avatar.</summary>
    public static AvatarMesh Canonical => CanonicalMesh.Value;

    /// <summary>The mesh of a canonical face model (its positions, triangles and texture coordinates).</summary>
    public static AvatarMesh FromCanonicalModel(CanonicalFaceModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return new AvatarMesh(model.Positions, model.TriangleIndices, model.TextureCoordinates);
    }

    public int VertexCount => _positions.Length;

    public int TriangleCount => _triangleIndices.Length / 3;

    /// <summary>The rest (neutral) shape.</summary>
    public ReadOnlySpan<Vector3> Positions => _positions;

    public ReadOnlySpan<int> TriangleIndices => _triangleIndices;

    /// <summary>Texture coordinates per vertex (u right, v down, 0..1), or empty.</summary>
    public ReadOnlySpan<Vector2> TextureCoordinates => _textureCoordinates;

    /// <summary>This mesh with other positions (same triangles and texture coordinates).</summary>
    public AvatarMesh WithPositions(ReadOnlySpan<Vector3> positions) => new(positions, _triangleIndices, _textureCoordinates);
}
