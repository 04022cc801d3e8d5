using FaceMesh.Models;

namespace FaceMesh.Inference;

/// <summary>Creates inference models; one per pipeline stage, owned (and disposed) by the caller.</summary>
internal interface IModelLoader
{
    IInferenceModel Load(MediaPipeModel model, int threadCount);
}
