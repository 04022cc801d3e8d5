using FaceMesh.Models;

namespace FaceMesh.Inference;

/// <summary>Creates inference models; one per pipeline stage, owned (and disposed) by the caller.</summary>
internal interface IModelLoader
{
    /// <param name="model">Which MediaPipe model the stage expects.</param>
    /// <param name="path">A user-supplied .tflite file to use instead of the embedded one, or null.</param>
    /// <param name="threadCount">Inference threads.</param>
    IInferenceModel Load(MediaPipeModel model, string? path, int threadCount);
}
