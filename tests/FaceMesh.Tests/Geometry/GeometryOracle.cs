using System.Numerics;
using System.Text.Json;
using FaceMesh.Tests.Parity;

namespace FaceMesh.Tests.Geometry;

/// <summary>One image or video frame of the face-geometry golden files (Data/Oracle/geometry_*.json).</summary>
internal sealed record GeometryGoldenImage(string Name, int Frame, int Width, int Height, string InputRgbSha256, IReadOnlyList<GeometryGoldenFace> Faces);

/// <summary>A face as MediaPipe returned it: its float32 landmarks and, unless skipped, its geometry.</summary>
internal sealed record GeometryGoldenFace(NormalizedLandmark[] Landmarks, Matrix4x4? Pose, Vector3[]? MeshVertices);

internal static class GeometryOracle
{
    public const string StillFile = "geometry_static_max4.json";

    public static IReadOnlyList<GeometryGoldenImage> Stills() => Read(StillFile, "images");

    /// <summary>Megamind frames 0.. in order, as sent to MediaPipe in video mode.</summary>
    public static IReadOnlyList<GeometryGoldenImage> VideoFrames() =>
        [.. Directory.GetFiles(OracleJson.Dir, "geometry_video_f*.json").Order().SelectMany(f => Read(Path.GetFileName(f), "frames"))];

    private static List<GeometryGoldenImage> Read(string file, string listName)
    {
        using JsonDocument doc = OracleJson.Load(file);
        return [.. doc.RootElement.GetProperty(listName).EnumerateArray().Select(image => new GeometryGoldenImage(
            image.GetProperty("name").GetString()!,
            image.TryGetProperty("frame", out JsonElement frame) ? frame.GetInt32() : -1,
            image.GetProperty("width").GetInt32(),
            image.GetProperty("height").GetInt32(),
            image.GetProperty("input_rgb_sha256").GetString()!,
            [.. image.GetProperty("faces").EnumerateArray().Select(ReadFace)]))];
    }

    private static GeometryGoldenFace ReadFace(JsonElement face)
    {
        NormalizedLandmark[] landmarks = [.. face.GetProperty("landmarks_normalized").EnumerateArray()
            .Select(p => new NormalizedLandmark(p[0].GetSingle(), p[1].GetSingle(), p[2].GetSingle()))];
        JsonElement geometry = face.GetProperty("geometry");
        if (geometry.ValueKind == JsonValueKind.Null) return new GeometryGoldenFace(landmarks, null, null);
        Assert.Equal("column-major", geometry.GetProperty("pose_transform_matrix_layout").GetString());
        float[] packed = [.. geometry.GetProperty("pose_transform_matrix").EnumerateArray().Select(v => v.GetSingle())];
        Assert.Equal(16, packed.Length);
        // Column-major data of MediaPipe's matrix = row-major data of its transpose, .NET's form.
        var pose = new Matrix4x4(
            packed[0], packed[1], packed[2], packed[3],
            packed[4], packed[5], packed[6], packed[7],
            packed[8], packed[9], packed[10], packed[11],
            packed[12], packed[13], packed[14], packed[15]);
        Vector3[] mesh = [.. geometry.GetProperty("mesh_vertices").EnumerateArray()
            .Select(v => new Vector3(v[0].GetSingle(), v[1].GetSingle(), v[2].GetSingle()))];
        return new GeometryGoldenFace(landmarks, pose, mesh);
    }
}
