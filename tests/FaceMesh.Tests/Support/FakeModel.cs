using FaceMesh.Inference;
using FaceMesh.Models;

namespace FaceMesh.Tests.Support;

/// <summary>An inference model whose outputs the test sets; counts runs and remembers disposal.</summary>
internal sealed class FakeModel(int inputLength) : IInferenceModel
{
    private readonly float[] _input = new float[inputLength];
    public Dictionary<int, float[]> ByIndex { get; } = [];
    public Dictionary<string, float[]> ByName { get; } = [];
    public int Invocations { get; private set; }
    public bool Disposed { get; private set; }
    public Action<FakeModel>? BeforeOutput { get; set; }

    public Span<float> Input => _input;
    public ReadOnlySpan<float> Output(int index) => ByIndex[index];
    public ReadOnlySpan<float> Output(string name) => ByName[name];

    public void Invoke()
    {
        Invocations++;
        BeforeOutput?.Invoke(this);
    }

    public void Dispose() => Disposed = true;
}

/// <summary>Hands out prepared fakes by model kind.</summary>
internal sealed class FakeLoader : IModelLoader
{
    public Dictionary<MediaPipeModel, FakeModel> Models { get; } = [];

    public IInferenceModel Load(MediaPipeModel model, string? path, int threadCount) => Models[model];
}
