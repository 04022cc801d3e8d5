using FaceMesh.Models;
using FaceMesh.Runtime.Model;

namespace FaceMesh.Runtime.Tests.ModelReading;

/// <summary>The four MediaPipe .tflite files embedded in FaceMesh.Models.</summary>
internal static class ModelFiles
{
    public static readonly MediaPipeModel[] TfLiteModels =
    [
        MediaPipeModel.FaceDetectionShortRange,
        MediaPipeModel.FaceDetectionFullRange,
        MediaPipeModel.FaceLandmark,
        MediaPipeModel.FaceLandmarkWithAttention,
    ];

    public static TheoryData<MediaPipeModel> All => new(TfLiteModels);

    public static byte[] Bytes(MediaPipeModel model) => MediaPipeModels.ReadAllBytes(model);

    public static TfLiteModel Read(MediaPipeModel model) => TfLiteModelReader.Read(Bytes(model));
}
