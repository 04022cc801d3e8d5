using System.Globalization;
using System.Text.Json;

namespace FaceMesh.Batch;

/// <summary>
/// How every input of a batch is processed. <see cref="Landmarker"/> applies to videos as given
/// (video mode); images run the same options in image mode without smoothing.
/// </summary>
public sealed record BatchOptions
{
    public FaceLandmarkerOptions Landmarker { get; init; } = new() { RunningMode = RunningMode.Video };

    internal FaceLandmarkerOptions ForVideo => Landmarker with { RunningMode = RunningMode.Video };

    internal FaceLandmarkerOptions ForImage => Landmarker with { RunningMode = RunningMode.Image, Smoothing = false };

    /// <summary>
    /// The options that change results, as compact JSON: stored in every row and part of the key
    /// that decides whether an input's results are already complete.
    /// </summary>
    public string Describe()
    {
        FaceLandmarkerOptions o = Landmarker;
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteBoolean("refine", o.RefineLandmarks);
            json.WriteNumber("maxFaces", o.NumFaces);
            json.WriteString("detector", o.DetectorModel.ToString());
            json.WriteString("sampling", o.Sampling.ToString());
            json.WriteString("minDetection", o.MinFaceDetectionConfidence.ToString(CultureInfo.InvariantCulture));
            json.WriteString("minPresence", o.MinFacePresenceConfidence.ToString(CultureInfo.InvariantCulture));
            json.WriteString("minTracking", o.MinTrackingConfidence.ToString(CultureInfo.InvariantCulture));
            json.WriteBoolean("smoothing", o.Smoothing);
            // Written only when on, so the keys of results made without it stay as they were.
            if (o.Thorough) json.WriteBoolean("thorough", true);
            if (o.DetectorModelPath is { } detector) json.WriteString("detectorModel", detector);
            if (o.LandmarkModelPath is { } landmarks) json.WriteString("landmarkModel", landmarks);
            json.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
