using BenchmarkDotNet.Attributes;
using FaceMesh.Runtime;
using FaceMesh.Runtime.Model;

namespace FaceMesh.Benchmarks.Kernels;

/// <summary>
/// One invocation of a single-operator model per benchmark, at layer shapes the face models
/// use, on the 512-bit and 256-bit vector paths. Divide the model FLOPs by the time to compare
/// with the FMA peak that <c>facemesh bench</c> prints.
/// </summary>
[MemoryDiagnoser]
public class KernelBenchmarks : IDisposable
{
    private readonly Dictionary<string, Interpreter> _models = [];

    [Params(512, 256)]
    public int MaxVectorBits { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        Dispose();
        _models["conv1x1"] = SingleOpModel.Conv(48, 32, 32, 1, 1, Padding.Valid, MaxVectorBits);
        _models["conv1x1narrow"] = SingleOpModel.Conv(96, 16, 16, 1, 1, Padding.Valid, MaxVectorBits);
        _models["conv3x3s2"] = SingleOpModel.Conv(192, 3, 16, 3, 2, Padding.Same, MaxVectorBits);
        _models["dw3x3s1"] = SingleOpModel.Depthwise(96, 16, 1, MaxVectorBits);
        _models["dw3x3s2"] = SingleOpModel.Depthwise(96, 32, 2, MaxVectorBits);
        _models["prelu"] = SingleOpModel.PRelu(48, 32, MaxVectorBits);
        _models["pad"] = SingleOpModel.ChannelPad(64, 24, 28, MaxVectorBits);
        _models["maxpool"] = SingleOpModel.MaxPool(96, 16, MaxVectorBits);
    }

    /// <summary>48x48x32 -> 32, 147 MFLOP/ms would be 100 GFLOP/s.</summary>
    [Benchmark]
    public void Conv1x1() => _models["conv1x1"].Invoke();

    /// <summary>96x96x16 -> 16: few channels, little work per loaded pixel.</summary>
    [Benchmark]
    public void Conv1x1Narrow() => _models["conv1x1narrow"].Invoke();

    /// <summary>The landmark models' RGB input layer: 192x192x3 -> 96x96x16.</summary>
    [Benchmark]
    public void Conv3x3Stride2() => _models["conv3x3s2"].Invoke();

    [Benchmark]
    public void Depthwise3x3Stride1() => _models["dw3x3s1"].Invoke();

    [Benchmark]
    public void Depthwise3x3Stride2() => _models["dw3x3s2"].Invoke();

    [Benchmark]
    public void PRelu() => _models["prelu"].Invoke();

    /// <summary>Residual shortcut widening 24 -> 28 channels (short-range detector).</summary>
    [Benchmark]
    public void ChannelPad() => _models["pad"].Invoke();

    [Benchmark]
    public void MaxPool2x2() => _models["maxpool"].Invoke();

    [GlobalCleanup]
    public void Dispose()
    {
        foreach (Interpreter model in _models.Values) model.Dispose();
        _models.Clear();
        GC.SuppressFinalize(this);
    }
}
