using System.Text.Json;

namespace FaceMesh.Web;

/// <summary>
/// The options a page may change on its pipeline, sent as a text message
/// <c>{"type":"config","refine":true,"numFaces":1,"smoothing":true,"geometry":false}</c>;
/// absent keys keep their value.
/// </summary>
internal sealed record LiveSettings(bool Refine = true, int NumFaces = 1, bool Smoothing = true, bool Geometry = false)
{
    public const int MaxFaces = 4;

    public FaceLandmarkerOptions ToOptions() => new()
    {
        RunningMode = RunningMode.Video,
        RefineLandmarks = Refine,
        NumFaces = NumFaces,
        Smoothing = Smoothing,
        OutputFacialTransformationMatrixes = Geometry,
    };

    /// <exception cref="FormatException">A key has the wrong type or an out-of-range value.</exception>
    public LiveSettings With(JsonElement message)
    {
        LiveSettings next = this;
        foreach (JsonProperty property in message.EnumerateObject())
        {
            next = property.Name switch
            {
                "type" => next,
                "refine" => next with { Refine = Bool(property) },
                "smoothing" => next with { Smoothing = Bool(property) },
                "geometry" => next with { Geometry = Bool(property) },
                "numFaces" => next with { NumFaces = Faces(property) },
                _ => throw new FormatException($"unknown config key '{property.Name}'"),
            };
        }
        return next;
    }

    public void WriteTo(Utf8JsonWriter json)
    {
        json.WriteBoolean("refine", Refine);
        json.WriteNumber("numFaces", NumFaces);
        json.WriteBoolean("smoothing", Smoothing);
        json.WriteBoolean("geometry", Geometry);
    }

    private static bool Bool(JsonProperty property) => property.Value.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw new FormatException($"config key '{property.Name}' must be true or false"),
    };

    private static int Faces(JsonProperty property) =>
        property.Value.ValueKind == JsonValueKind.Number && property.Value.TryGetInt32(out int n) && n is >= 1 and <= MaxFaces
            ? n
            : throw new FormatException($"config key '{property.Name}' must be an integer from 1 to {MaxFaces}");
}
