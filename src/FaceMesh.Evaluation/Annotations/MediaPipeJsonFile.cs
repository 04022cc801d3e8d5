using System.Numerics;
using System.Text.Json;

namespace FaceMesh.Evaluation;

/// <summary>
/// Reads annotations in MediaPipe's topology: <c>{"faces": [{"landmarks": [[x, y(, z)], ...]}]}</c> with
/// 468 or 478 points per face, pixels, origin at the top-left pixel corner (as <c>facemesh detect</c> writes).
/// </summary>
public static class MediaPipeJsonFile
{
    /// <exception cref="AnnotationFormatException">Not JSON, no faces array, or a face without 468/478 finite points.</exception>
    public static IReadOnlyList<Vector2[]> Read(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        try
        {
            using JsonDocument document = JsonDocument.Parse(bytes);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("faces", out JsonElement faces) || faces.ValueKind != JsonValueKind.Array)
                throw new AnnotationFormatException(path, "expected an object with a 'faces' array");
            var result = new List<Vector2[]>();
            int index = 0;
            foreach (JsonElement face in faces.EnumerateArray())
            {
                if (!face.TryGetProperty("landmarks", out JsonElement landmarks) || landmarks.ValueKind != JsonValueKind.Array)
                    throw new AnnotationFormatException(path, $"face {index} has no 'landmarks' array");
                int count = landmarks.GetArrayLength();
                if (count is not (468 or 478))
                    throw new AnnotationFormatException(path, $"face {index} has {count} landmarks; MediaPipe's topology has 468 or 478");
                var points = new Vector2[count];
                int k = 0;
                foreach (JsonElement point in landmarks.EnumerateArray())
                {
                    if (point.ValueKind != JsonValueKind.Array || point.GetArrayLength() < 2
                        || !TryGetFinite(point[0], out float x) || !TryGetFinite(point[1], out float y))
                        throw new AnnotationFormatException(path, $"face {index}, landmark {k}: expected [x, y] or [x, y, z] numbers");
                    points[k++] = new Vector2(x, y);
                }
                result.Add(points);
                index++;
            }
            return result;
        }
        catch (JsonException ex)
        {
            throw new AnnotationFormatException(path, $"not valid JSON ({ex.Message})");
        }
    }

    private static bool TryGetFinite(JsonElement element, out float value)
    {
        value = 0;
        return element.ValueKind == JsonValueKind.Number && element.TryGetSingle(out value) && float.IsFinite(value);
    }
}
