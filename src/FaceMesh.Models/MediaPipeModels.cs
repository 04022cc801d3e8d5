using System.Reflection;

namespace FaceMesh.Models;

/// <summary>
/// Access to the embedded MediaPipe model files. They are fetched from npm at build time
/// (pinned versions, sha256-checked) and embedded in this assembly, so no path or download is
/// needed at run time.
/// </summary>
public static class MediaPipeModels
{
    /// <summary>The model's file name as MediaPipe publishes it (<c>face_landmark.tflite</c>, ...).</summary>
    public static string FileName(MediaPipeModel model) => model switch
    {
        MediaPipeModel.FaceDetectionShortRange => "face_detection_short_range.tflite",
        MediaPipeModel.FaceDetectionFullRange => "face_detection_full_range_sparse.tflite",
        MediaPipeModel.FaceLandmark => "face_landmark.tflite",
        MediaPipeModel.FaceLandmarkWithAttention => "face_landmark_with_attention.tflite",
        MediaPipeModel.GeometryPipelineMetadata => "geometry_pipeline_metadata_landmarks.binarypb",
        _ => throw new ArgumentOutOfRangeException(nameof(model), model, "Unknown model."),
    };

    /// <summary>Returns the bytes of an embedded model. Each call returns a fresh copy.</summary>
    public static byte[] ReadAllBytes(MediaPipeModel model)
    {
        string name = "FaceMesh.Models." + FileName(model);
        using Stream stream = typeof(MediaPipeModels).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException(
                $"The embedded model '{name}' is missing from {typeof(MediaPipeModels).Assembly.GetName().Name}; rebuild so that scripts/fetch-models.sh can fetch it.");
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }
}
