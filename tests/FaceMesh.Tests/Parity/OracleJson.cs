using System.Numerics;
using System.Text.Json;

namespace FaceMesh.Tests.Parity;

/// <summary>Reads the golden files recorded from MediaPipe's JS solutions (see Data/Oracle/README.md).</summary>
internal static class OracleJson
{
    public static string Dir => TestPaths.InRepo("tests", "FaceMesh.Tests", "Data", "Oracle");

    public static JsonDocument Load(string file) => JsonDocument.Parse(File.ReadAllBytes(Path.Combine(OracleJson.Dir, file)));

    public static JsonElement Image(JsonDocument doc, string name) =>
        doc.RootElement.GetProperty("images").EnumerateArray().Single(i => i.GetProperty("name").GetString() == name);

    /// <summary>Landmarks of a face in pixels: x and y as stored, z (stored normalised) times the width.</summary>
    public static List<Vector3> Landmarks(JsonElement face, int width) =>
        face.GetProperty("landmarks").EnumerateArray().Select(p =>
            new Vector3(p[0].GetSingle(), p[1].GetSingle(), p[2].GetSingle() * width)).ToList();

    public static List<List<Vector3>> Faces(JsonElement imageOrFrame) =>
        imageOrFrame.GetProperty("faces").EnumerateArray()
            .Select(f => Landmarks(f, imageOrFrame.GetProperty("width").GetInt32())).ToList();
}
