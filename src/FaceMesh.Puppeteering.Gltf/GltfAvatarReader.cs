using System.Numerics;
using SharpGLTF.Schema2;

namespace FaceMesh.Puppeteering.Gltf;

/// <summary>
/// Reads an avatar from glTF 2.0: the first primitive of the first mesh, whose vertices must be the
/// 468 face-mesh landmarks in order (an exporter that splits vertices at texture seams breaks
/// that), with its triangles and, when present, TEXCOORD_0.
/// </summary>
public static class GltfAvatarReader
{
    /// <summary>Reads a binary glTF (.glb) stream.</summary>
    /// <exception cref="InvalidDataException">Not a readable glTF, or no usable 468-vertex mesh in it.</exception>
    public static AvatarMesh ReadGlb(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ModelRoot model;
        try
        {
            model = ModelRoot.ReadGLB(stream, new ReadSettings());
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new InvalidDataException($"Not a readable glTF binary: {e.Message}", e);
        }
        return Read(model);
    }

    /// <summary>Takes the avatar from a loaded model (e.g. <see cref="ModelRoot.Load(string, ReadSettings)"/> for .gltf with its buffers).</summary>
    /// <exception cref="InvalidDataException">No usable 468-vertex triangle mesh.</exception>
    public static AvatarMesh Read(ModelRoot model)
    {
        ArgumentNullException.ThrowIfNull(model);
        MeshPrimitive primitive = model.LogicalMeshes.FirstOrDefault()?.Primitives.FirstOrDefault()
            ?? throw new InvalidDataException("The glTF holds no mesh.");
        if (primitive.DrawPrimitiveType != PrimitiveType.TRIANGLES)
            throw new InvalidDataException($"The avatar mesh draws {primitive.DrawPrimitiveType}; triangles are needed.");
        Accessor positions = primitive.GetVertexAccessor("POSITION") ?? throw new InvalidDataException("The avatar mesh has no POSITION.");
        Vector3[] vertices = [.. positions.AsVector3Array()];
        int[] triangles = [.. primitive.GetTriangleIndices().SelectMany(t => new[] { t.A, t.B, t.C })];
        Vector2[] uv = primitive.GetVertexAccessor("TEXCOORD_0") is { } uvs ? [.. uvs.AsVector2Array()] : [];
        try
        {
            return new AvatarMesh(vertices, triangles, uv);
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"The glTF mesh is not a usable avatar: {e.Message}", e);
        }
    }
}
