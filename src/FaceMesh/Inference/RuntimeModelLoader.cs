using FaceMesh.Models;
using FaceMesh.Runtime;

namespace FaceMesh.Inference;

/// <summary>Loads MediaPipe's models (embedded, or a user-supplied file) into our managed TFLite interpreter.</summary>
internal sealed class RuntimeModelLoader : IModelLoader
{
    public static RuntimeModelLoader Instance { get; } = new();

    public IInferenceModel Load(MediaPipeModel model, string? path, int threadCount)
    {
        var options = new InterpreterOptions { ThreadCount = threadCount };
        Interpreter interpreter = path is null
            ? Interpreter.Load(MediaPipeModels.ReadAllBytes(model), options)
            : Interpreter.Load(path, options);
        try
        {
            ModelContract.Verify(model, interpreter, path is null ? $"the embedded {MediaPipeModels.FileName(model)}" : $"model file '{path}'");
            return new InterpreterModel(interpreter);
        }
        catch
        {
            interpreter.Dispose();
            throw;
        }
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
