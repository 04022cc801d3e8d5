using System.Buffers.Binary;
using System.Numerics;
using System.Text.Json;
using FaceMesh.Puppeteering.Gltf;

namespace FaceMesh.Puppeteering.Tests;

/// <summary>The .glb a take becomes, read back with a parser of our own (GLB chunks + System.Text.Json), not SharpGLTF.</summary>
public class GltfTakeTests
{
    private const int Frames = 20;
    private const float Fps = 25f;

    private static (Vector3[][] Vertices, Quaternion[] Rotations) Take()
    {
        ReadOnlySpan<Vector3> rest = AvatarMesh.Canonical.Positions;
        Vector3[] jaw = Expressions.JawOpen(rest, 1f), smile = Expressions.Smile(rest, 0.5f);
        var vertices = new Vector3[Frames][];
        var rotations = new Quaternion[Frames];
        for (int f = 0; f < Frames; f++)
        {
            float a = f % 4 == 0 ? 0 : MathF.Sin(f * 0.7f), b = f % 3 == 0 ? 0.2f * f / Frames : 0.5f;
            vertices[f] = new Vector3[rest.Length];
            for (int i = 0; i < rest.Length; i++) vertices[f][i] = rest[i] + a * (jaw[i] - rest[i]) + b * (smile[i] - rest[i]);
            rotations[f] = Quaternion.CreateFromYawPitchRoll(0.02f * f, -0.01f * f, 0.005f * f);
        }
        vertices[0] = rest.ToArray();
        return (vertices, rotations);
    }

    [Fact]
    public void The_take_has_key_meshes_a_rotation_channel_and_weights_that_rebuild_every_frame()
    {
        (Vector3[][] vertices, Quaternion[] rotations) = Take();
        var recorder = new GltfTakeRecorder(AvatarMesh.Canonical, metresPerUnit: 0.01f);
        for (int f = 0; f < Frames; f++) recorder.AddFrame(f / Fps, vertices[f], rotations[f]);
        using var glb = new MemoryStream();
        recorder.Write(glb);

        (JsonDocument json, byte[] bin) = ParseGlb(glb.ToArray());
        using (json)
        {
            JsonElement root = json.RootElement;
            JsonElement mesh = root.GetProperty("meshes")[0];
            JsonElement primitive = mesh.GetProperty("primitives")[0];
            // The take moves along two expressions (jaw and smile): two key meshes span it.
            JsonElement targets = primitive.GetProperty("targets");
            Assert.Equal(2, targets.GetArrayLength());
            string[] names = [.. mesh.GetProperty("extras").GetProperty("targetNames").EnumerateArray().Select(n => n.GetString()!)];
            Assert.Equal(2, names.Length);
            Assert.All(names, n => Assert.Matches("^frame[0-9]{5}$", n));
            Assert.Equal(468, Accessor(root, primitive.GetProperty("attributes").GetProperty("POSITION").GetInt32()).GetProperty("count").GetInt32());
            Assert.Equal(898 * 3, Accessor(root, primitive.GetProperty("indices").GetInt32()).GetProperty("count").GetInt32());

            JsonElement animation = root.GetProperty("animations")[0];
            var channels = animation.GetProperty("channels").EnumerateArray().ToDictionary(c => c.GetProperty("target").GetProperty("path").GetString()!);
            Assert.Equal(["rotation", "weights"], channels.Keys.Order());
            JsonElement samplers = animation.GetProperty("samplers");
            float[] times = Floats(root, bin, samplers[channels["rotation"].GetProperty("sampler").GetInt32()].GetProperty("input").GetInt32());
            Assert.Equal(Frames, times.Length);
            for (int f = 0; f < Frames; f++) Assert.Equal(f / Fps, times[f], 5);
            float[] quaternions = Floats(root, bin, samplers[channels["rotation"].GetProperty("sampler").GetInt32()].GetProperty("output").GetInt32());
            for (int f = 0; f < Frames; f++)
                Assert.True(MathF.Abs(Quaternion.Dot(rotations[f], new Quaternion(quaternions[4 * f], quaternions[4 * f + 1], quaternions[4 * f + 2], quaternions[4 * f + 3]))) > 0.99999f);

            float[] weights = Floats(root, bin, samplers[channels["weights"].GetProperty("sampler").GetInt32()].GetProperty("output").GetInt32());
            Assert.Equal(Frames * 2, weights.Length);
            float[][] deltas = [.. targets.EnumerateArray().Select(t => Floats(root, bin, t.GetProperty("POSITION").GetInt32()))];
            float[] rest = Floats(root, bin, primitive.GetProperty("attributes").GetProperty("POSITION").GetInt32());
            for (int f = 0; f < Frames; f++)
                for (int i = 0; i < 468; i++)
                {
                    var rebuilt = new Vector3(rest[3 * i], rest[3 * i + 1], rest[3 * i + 2]);
                    for (int k = 0; k < 2; k++) rebuilt += weights[2 * f + k] * new Vector3(deltas[k][3 * i], deltas[k][3 * i + 1], deltas[k][3 * i + 2]);
                    Assert.True(Vector3.Distance(rebuilt, vertices[f][i] * 0.01f) < 2e-6f, $"frame {f} vertex {i}");
                }
            // The rest frame needs no target at all.
            Assert.Equal(0f, weights[0], 5);
            Assert.Equal(0f, weights[1], 5);
        }

        glb.Position = 0;
        AvatarMesh back = GltfAvatarReader.ReadGlb(glb);
        Assert.True(ExpressionRetargeterTests.MaxDistance(back.Positions, ExpressionRetargeterTests.Stretch(AvatarMesh.Canonical.Positions, new Vector3(0.01f))) < 1e-7f);
        Assert.Equal(AvatarMesh.Canonical.TriangleIndices.ToArray(), back.TriangleIndices.ToArray());
    }

    [Fact]
    public void Bad_input_is_refused()
    {
        var recorder = new GltfTakeRecorder(AvatarMesh.Canonical);
        Assert.Throws<InvalidOperationException>(() => recorder.Write(new MemoryStream()));
        recorder.AddFrame(1, AvatarMesh.Canonical.Positions, Quaternion.Identity);
        Assert.Throws<ArgumentException>(() => recorder.AddFrame(1, AvatarMesh.Canonical.Positions, Quaternion.Identity));
        Assert.Throws<ArgumentException>(() => recorder.AddFrame(2, new Vector3[10], Quaternion.Identity));
        Assert.Throws<InvalidDataException>(() => GltfAvatarReader.ReadGlb(new MemoryStream("not a glb"u8.ToArray())));
    }

    private static (JsonDocument Json, byte[] Bin) ParseGlb(byte[] glb)
    {
        Assert.Equal(0x46546C67u, BinaryPrimitives.ReadUInt32LittleEndian(glb));
        Assert.Equal(2u, BinaryPrimitives.ReadUInt32LittleEndian(glb.AsSpan(4)));
        Assert.Equal((uint)glb.Length, BinaryPrimitives.ReadUInt32LittleEndian(glb.AsSpan(8)));
        int jsonLength = BinaryPrimitives.ReadInt32LittleEndian(glb.AsSpan(12));
        Assert.Equal(0x4E4F534Au, BinaryPrimitives.ReadUInt32LittleEndian(glb.AsSpan(16)));
        JsonDocument json = JsonDocument.Parse(glb.AsMemory(20, jsonLength));
        int binStart = 20 + jsonLength;
        int binLength = BinaryPrimitives.ReadInt32LittleEndian(glb.AsSpan(binStart));
        Assert.Equal(0x004E4942u, BinaryPrimitives.ReadUInt32LittleEndian(glb.AsSpan(binStart + 4)));
        return (json, glb.AsSpan(binStart + 8, binLength).ToArray());
    }

    private static JsonElement Accessor(JsonElement root, int index) => root.GetProperty("accessors")[index];

    /// <summary>A tightly packed float accessor's values.</summary>
    private static float[] Floats(JsonElement root, byte[] bin, int accessorIndex)
    {
        JsonElement accessor = Accessor(root, accessorIndex);
        Assert.Equal(5126, accessor.GetProperty("componentType").GetInt32());
        int components = accessor.GetProperty("type").GetString() switch { "SCALAR" => 1, "VEC2" => 2, "VEC3" => 3, "VEC4" => 4, var t => throw new InvalidDataException(t) };
        JsonElement view = root.GetProperty("bufferViews")[accessor.GetProperty("bufferView").GetInt32()];
        int offset = (view.TryGetProperty("byteOffset", out JsonElement vo) ? vo.GetInt32() : 0) + (accessor.TryGetProperty("byteOffset", out JsonElement ao) ? ao.GetInt32() : 0);
        int count = accessor.GetProperty("count").GetInt32() * components;
        var values = new float[count];
        for (int i = 0; i < count; i++) values[i] = BinaryPrimitives.ReadSingleLittleEndian(bin.AsSpan(offset + 4 * i));
        return values;
    }
}
