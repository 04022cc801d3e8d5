using System.Numerics;
using System.Text.Json;

namespace FaceMesh.Cli.Output;

/// <summary>
/// Writes faces in the CLI's JSON shape. Everything is in pixels: box [x, y, w, h], keypoints
/// [x, y], landmarks [x, y, z] with z = MediaPipe's normalised z times the image width, in
/// MediaPipe's landmark order. A face tracked from the previous video frame has no detection:
/// its score, box and keypoints are null.
/// </summary>
internal static class FaceJsonWriter
{
    public static void WriteFaces(Utf8JsonWriter json, IReadOnlyList<Face> faces)
    {
        json.WriteStartArray("faces");
        for (int i = 0; i < faces.Count; i++) WriteFace(json, faces[i]);
        json.WriteEndArray();
    }

    private static void WriteFace(Utf8JsonWriter json, Face face)
    {
        json.WriteStartObject();
        Detection? detection = face.Detection;
        if (detection is null)
        {
            json.WriteNull("score");
            json.WriteNull("box");
            json.WriteNull("keypoints");
        }
        else
        {
            json.WriteNumber("score", detection.Score);
            BoundingBox box = detection.PixelBoundingBox;
            json.WriteStartArray("box");
            json.WriteNumberValue(box.XMin);
            json.WriteNumberValue(box.YMin);
            json.WriteNumberValue(box.Width);
            json.WriteNumberValue(box.Height);
            json.WriteEndArray();
            json.WriteStartArray("keypoints");
            for (int i = 0; i < detection.PixelKeypoints.Count; i++)
            {
                Vector2 k = detection.PixelKeypoints[i];
                json.WriteStartArray();
                json.WriteNumberValue(k.X);
                json.WriteNumberValue(k.Y);
                json.WriteEndArray();
            }
            json.WriteEndArray();
        }
        json.WriteNumber("faceFlag", face.FaceFlag);
        json.WriteStartArray("landmarks");
        for (int i = 0; i < face.LandmarkSpan.Length; i++)
        {
            Vector3 p = face.GetPixelLandmark(i);
            json.WriteStartArray();
            json.WriteNumberValue(p.X);
            json.WriteNumberValue(p.Y);
            json.WriteNumberValue(p.Z);
            json.WriteEndArray();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }
}
