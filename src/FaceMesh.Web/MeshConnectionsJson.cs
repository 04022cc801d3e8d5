using System.Collections.Immutable;
using System.Text.Json;
using FaceMesh.Effects;

namespace FaceMesh.Web;

/// <summary>
/// /api/mesh: the drawing connection sets from <see cref="FaceMeshConnections"/> as flat index
/// pairs, plus the two lip rings, so the page draws exactly what <c>facemesh annotate</c> draws
/// without a second hand-kept copy of the tables in JavaScript.
/// </summary>
internal static class MeshConnectionsJson
{
    public static byte[] Build()
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            WritePairs(json, "tesselation", FaceMeshConnections.Tesselation);
            WritePairs(json, "contours", FaceMeshConnections.Contours);
            WritePairs(json, "lips", FaceMeshConnections.Lips);
            WritePairs(json, "leftEye", FaceMeshConnections.LeftEye);
            WritePairs(json, "leftEyebrow", FaceMeshConnections.LeftEyebrow);
            WritePairs(json, "rightEye", FaceMeshConnections.RightEye);
            WritePairs(json, "rightEyebrow", FaceMeshConnections.RightEyebrow);
            WritePairs(json, "leftIris", FaceMeshConnections.LeftIris);
            WritePairs(json, "rightIris", FaceMeshConnections.RightIris);
            // Filled together with the even-odd rule, the two rings are the lips whichever is outer.
            json.WriteStartArray("lipRings");
            foreach (ImmutableArray<int> ring in LipRings.Rings)
            {
                json.WriteStartArray();
                foreach (int index in ring) json.WriteNumberValue(index);
                json.WriteEndArray();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return stream.ToArray();
    }

    private static void WritePairs(Utf8JsonWriter json, string name, ImmutableArray<LandmarkConnection> connections)
    {
        json.WriteStartArray(name);
        foreach (LandmarkConnection c in connections)
        {
            json.WriteNumberValue(c.Start);
            json.WriteNumberValue(c.End);
        }
        json.WriteEndArray();
    }
}
