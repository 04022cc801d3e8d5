using System.Numerics;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using SharpGLTF.Memory;
using SharpGLTF.Schema2;

namespace FaceMesh.Puppeteering.Gltf;

/// <summary>
/// Records a puppeteering take and writes it as an animated binary glTF (.glb) that three.js,
/// Blender and other viewers play: one node with the avatar mesh, its head rotation as a rotation
/// channel, and its expression as morph-target weights over time.
/// </summary>
/// <remarks>
/// <para>The morph targets are key meshes of the take, not per-coefficient shapes: the frames whose
/// expression (avatar minus rest) is least explained by the keys chosen so far, picked greedily
/// (pivoted Gram–Schmidt) up to <c>maxKeyMeshes</c>; every frame's weights are then its
/// least-squares coordinates in that basis. Key frames are reproduced exactly and the rest to
/// within what the keys span. Each target is named after its frame ("frame00042", in the mesh's
/// <c>extras.targetNames</c>, which three.js and Blender read).</para>
/// <para>Frames are kept in memory until <see cref="Write"/> (468 × 3 floats each, about 5.6 KB);
/// recording allocates per frame, unlike the retargeting.</para>
/// </remarks>
public sealed class GltfTakeRecorder
{
    private readonly AvatarMesh _avatar;
    private readonly float _metresPerUnit;
    private readonly int _maxKeyMeshes;
    private readonly List<float> _times = [];
    private readonly List<Quaternion> _rotations = [];
    private readonly List<float[]> _displacements = [];

    /// <param name="avatar">The mesh being animated (its rest shape is the glTF mesh).</param>
    /// <param name="metresPerUnit">glTF is in metres: 0.01 for an avatar in centimetres such as the canonical face.</param>
    /// <param name="maxKeyMeshes">Most morph targets to write (1..64).</param>
    public GltfTakeRecorder(AvatarMesh avatar, float metresPerUnit = 0.01f, int maxKeyMeshes = 16)
    {
        ArgumentNullException.ThrowIfNull(avatar);
        if (!(metresPerUnit > 0) || !float.IsFinite(metresPerUnit)) throw new ArgumentOutOfRangeException(nameof(metresPerUnit));
        ArgumentOutOfRangeException.ThrowIfLessThan(maxKeyMeshes, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxKeyMeshes, 64);
        _avatar = avatar;
        _metresPerUnit = metresPerUnit;
        _maxKeyMeshes = maxKeyMeshes;
    }

    public int FrameCount => _times.Count;

    /// <summary>Adds a frame: the avatar's vertices (e.g. <see cref="FacePuppet.Vertices"/>) and head rotation at a time.</summary>
    /// <exception cref="ArgumentException">Times not increasing, or the wrong vertex count.</exception>
    public void AddFrame(double timeSeconds, ReadOnlySpan<Vector3> avatarVertices, Quaternion headRotation)
    {
        if (!double.IsFinite(timeSeconds) || (_times.Count > 0 && timeSeconds <= _times[^1]))
            throw new ArgumentException($"Frame times must increase; got {timeSeconds} after {(_times.Count > 0 ? _times[^1] : double.NaN)}.", nameof(timeSeconds));
        if (avatarVertices.Length != _avatar.VertexCount)
            throw new ArgumentException($"Expected {_avatar.VertexCount} vertices, got {avatarVertices.Length}.", nameof(avatarVertices));
        var displacement = new float[3 * avatarVertices.Length];
        ReadOnlySpan<Vector3> rest = _avatar.Positions;
        for (int i = 0; i < avatarVertices.Length; i++)
        {
            Vector3 d = (avatarVertices[i] - rest[i]) * _metresPerUnit;
            displacement[3 * i] = d.X;
            displacement[3 * i + 1] = d.Y;
            displacement[3 * i + 2] = d.Z;
        }
        _times.Add((float)timeSeconds);
        _rotations.Add(Quaternion.Normalize(headRotation));
        _displacements.Add(displacement);
    }

    /// <summary>Writes the take as GLB.</summary>
    /// <exception cref="InvalidOperationException">No frame was added.</exception>
    public void Write(Stream destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        if (_times.Count == 0) throw new InvalidOperationException("The take has no frames.");
        int[] keys = KeyFrames.Choose(_displacements, _maxKeyMeshes);
        float[][] weights = KeyFrames.Weights(_displacements, keys);

        ModelRoot model = ModelRoot.CreateModel();
        Scene scene = model.UseScene("take");
        Node node = scene.CreateNode("avatar");
        Mesh mesh = model.CreateMesh("avatar");
        MeshPrimitive primitive = mesh.CreatePrimitive();
        var rest = new Vector3[_avatar.VertexCount];
        for (int i = 0; i < rest.Length; i++) rest[i] = _avatar.Positions[i] * _metresPerUnit;
        primitive.SetVertexAccessor("POSITION", Vec3Accessor(model, rest));
        if (!_avatar.TextureCoordinates.IsEmpty)
            primitive.SetVertexAccessor("TEXCOORD_0", Accessor(model, MemoryMarshal.AsBytes(_avatar.TextureCoordinates), _avatar.VertexCount, DimensionType.VEC2));
        Accessor indices = model.CreateAccessor();
        byte[] indexBytes = MemoryMarshal.AsBytes(_avatar.TriangleIndices).ToArray();
        indices.SetIndexData(model.UseBufferView(indexBytes, 0, null, 0, BufferMode.ELEMENT_ARRAY_BUFFER), 0, _avatar.TriangleIndices.Length, IndexEncodingType.UNSIGNED_INT);
        primitive.SetIndexAccessor(indices);
        var names = new JsonArray();
        for (int k = 0; k < keys.Length; k++)
        {
            Vector3[] delta = MemoryMarshal.Cast<float, Vector3>(_displacements[keys[k]]).ToArray();
            primitive.SetMorphTargetAccessors(k, new Dictionary<string, Accessor> { ["POSITION"] = Vec3Accessor(model, delta) });
            names.Add($"frame{keys[k]:D5}");
        }
        node.Mesh = mesh;

        Animation animation = model.CreateAnimation("take");
        var rotations = new Dictionary<float, Quaternion>();
        for (int f = 0; f < _times.Count; f++) rotations[_times[f]] = _rotations[f];
        animation.CreateRotationChannel(node, rotations, true);
        if (keys.Length > 0)
        {
            mesh.SetMorphWeights(new float[keys.Length]);
            mesh.Extras = new JsonObject { ["targetNames"] = names };
            var morphs = new Dictionary<float, float[]>();
            for (int f = 0; f < _times.Count; f++) morphs[_times[f]] = weights[f];
            animation.CreateMorphChannel(node, morphs, keys.Length, true);
        }
        model.WriteGLB(destination, new WriteSettings { MergeBuffers = true });
    }

    private static Accessor Vec3Accessor(ModelRoot model, Vector3[] values)
    {
        Accessor accessor = Accessor(model, MemoryMarshal.AsBytes<Vector3>(values), values.Length, DimensionType.VEC3);
        accessor.UpdateBounds();
        return accessor;
    }

    private static Accessor Accessor(ModelRoot model, ReadOnlySpan<byte> bytes, int count, DimensionType dimensions)
    {
        Accessor accessor = model.CreateAccessor();
        accessor.SetVertexData(model.UseBufferView(bytes.ToArray(), 0, null, 0, BufferMode.ARRAY_BUFFER), 0, count, new AttributeFormat(dimensions, EncodingType.FLOAT, false));
        return accessor;
    }
}
