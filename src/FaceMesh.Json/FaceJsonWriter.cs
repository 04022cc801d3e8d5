using System.Numerics;
using System.Text.Json;
using FaceMesh.Blendshapes;
using FaceMesh.Geometry;

namespace FaceMesh.Json;

/// <summary>
/// Writes faces in the JSON shape of <c>facemesh detect</c> and the web server's <c>/api/detect</c>. Everything is in pixels: box [x, y, w, h], keypoints
/// [x, y], landmarks [x, y, z] with z = MediaPipe's normalised z times the image width, in
/// MediaPipe's landmark order. A face tracked from the previous video frame has no detection:
/// its score, box and keypoints are null. With geometry requested, each face also gets
/// <c>geometry</c> (null if MediaPipe's geometry stage would skip the face): <c>poseTransform</c>,
/// MediaPipe's 4x4 pose matrix as 16 numbers row after row (column-vector convention: translation
/// in cm at indices 3, 7, 11; camera space right-handed, face at negative z), and
/// <c>meshVertices</c>, the 468 metric mesh points [x, y, z] in cm in the face model's frame.
/// With blendshapes requested, each face also gets <c>blendshapes</c>: an object of the estimated
/// categories by MediaPipe's name (<c>{"jawOpen": 0.42, …}</c>, 0..1; null when the face has no geometry).
/// </summary>
public static class FaceJsonWriter
{
    /// <summary>The body of one image's object: <c>image</c> (its name), <c>width</c>, <c>height</c>, <c>faces</c>.</summary>
    public static void WriteImageResult(Utf8JsonWriter json, string imageName, int width, int height, IReadOnlyList<Face> faces,
        bool geometry, bool blendshapes = false)
    {
        ArgumentNullException.ThrowIfNull(json);
        json.WriteString("image", imageName);
        json.WriteNumber("width", width);
        json.WriteNumber("height", height);
        WriteFaces(json, faces, geometry, blendshapes);
    }

    public static void WriteFaces(Utf8JsonWriter json, IReadOnlyList<Face> faces, bool geometry = false, bool blendshapes = false)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(faces);
        json.WriteStartArray("faces");
        for (int i = 0; i < faces.Count; i++) WriteFace(json, faces[i], geometry, blendshapes);
        json.WriteEndArray();
    }

    private static void WriteFace(Utf8JsonWriter json, Face face, bool geometry, bool blendshapes)
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
        for (int i = 0; i < face.LandmarkSpan.Length; i++) WritePoint(json, face.GetPixelLandmark(i));
        json.WriteEndArray();
        if (geometry) WriteGeometry(json, face.Geometry);
        if (blendshapes) WriteBlendshapes(json, face.Blendshapes);
        json.WriteEndObject();
    }

    private static void WriteBlendshapes(Utf8JsonWriter json, FaceBlendshapes? blendshapes)
    {
        if (blendshapes is null)
        {
            json.WriteNull("blendshapes");
            return;
        }
        json.WriteStartObject("blendshapes");
        foreach (Blendshape shape in FaceBlendshapes.EstimatedBlendshapes)
            json.WriteNumber(FaceBlendshapes.GetCategoryName(shape), MathF.Round(blendshapes[shape], 4));
        json.WriteEndObject();
    }

    private static void WriteGeometry(Utf8JsonWriter json, FaceGeometry? geometry)
    {
        if (geometry is null)
        {
            json.WriteNull("geometry");
            return;
        }
        json.WriteStartObject("geometry");
        Span<float> pose = stackalloc float[16];
        geometry.CopyPoseRowMajorTo(pose);
        json.WriteStartArray("poseTransform");
        foreach (float value in pose) json.WriteNumberValue(value);
        json.WriteEndArray();
        json.WriteStartArray("meshVertices");
        foreach (Vector3 v in geometry.MeshVertices) WritePoint(json, v);
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WritePoint(Utf8JsonWriter json, Vector3 p)
    {
        json.WriteStartArray();
        json.WriteNumberValue(p.X);
        json.WriteNumberValue(p.Y);
        json.WriteNumberValue(p.Z);
        json.WriteEndArray();
    }
}
