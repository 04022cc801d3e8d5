using FaceMesh.Models;
using FaceMesh.Runtime;

namespace FaceMesh.Inference;

/// <summary>Loads MediaPipe's embedded models into our managed TFLite interpreter.</summary>
internal sealed class RuntimeModelLoader : IModelLoader
{
    public static RuntimeModelLoader Instance { get; } = new();

    public IInferenceModel Load(MediaPipeModel model, int threadCount)
    {
        byte[] bytes = MediaPipeModels.ReadAllBytes(model);
        return new InterpreterModel(Interpreter.Load(bytes, new InterpreterOptions { ThreadCount = threadCount }));
    }

    private sealed class InterpreterModel(Interpreter interpreter) : IInferenceModel
    {
        public Span<float> Input => interpreter.GetInput(0);

        public ReadOnlySpan<float> Output(int index) => interpreter.GetOutput(index);

        public ReadOnlySpan<float> Output(string name) => interpreter.GetOutput(name);

        public void Invoke() => interpreter.Invoke();

        public void Dispose() => interpreter.Dispose();
    }
}
