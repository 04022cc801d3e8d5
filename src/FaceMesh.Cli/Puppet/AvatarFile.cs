using FaceMesh.Puppeteering;
using FaceMesh.Puppeteering.Gltf;
using SharpGLTF.Schema2;

namespace FaceMesh.Cli.Puppet;

/// <summary>An avatar chosen on the command line: the canonical face, or a 468-vertex mesh from .obj, .glb or .gltf.</summary>
internal static class AvatarFile
{
    /// <summary>The avatar and the size of its unit in metres (glTF is in metres; OBJ avatars, like MediaPipe's canonical_face_model.obj, in cm).</summary>
    public static (AvatarMesh Avatar, float MetresPerUnit) Load(string? path)
    {
        if (path is null) return (AvatarMesh.Canonical, 0.01f);
        if (!File.Exists(path)) throw new FileNotFoundException($"Avatar '{path}' not found.", path);
        switch (Path.GetExtension(path).ToLowerInvariant())
        {
            case ".obj":
                using (FileStream stream = File.OpenRead(path)) return (ObjAvatarReader.Read(stream), 0.01f);
            case ".glb":
                using (FileStream stream = File.OpenRead(path)) return (GltfAvatarReader.ReadGlb(stream), 1f);
            case ".gltf":
                ModelRoot model;
                try
                {
                    model = ModelRoot.Load(path, new ReadSettings());
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    throw new InvalidDataException($"Avatar '{path}' is not readable glTF: {e.Message}", e);
                }
                return (GltfAvatarReader.Read(model), 1f);
            default:
                throw new ArgumentException($"Avatar '{path}': expected a .obj, .glb or .gltf file in MediaPipe's 468-vertex topology.");
        }
    }
}
