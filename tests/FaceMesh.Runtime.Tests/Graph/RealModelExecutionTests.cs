using FaceMesh.Models;

namespace FaceMesh.Runtime.Tests.Graph;

/// <summary>The four shipped models load, run with finite outputs, and agree across execution modes.</summary>
public sealed class RealModelExecutionTests
{
    public static TheoryData<MediaPipeModel> Models => new()
    {
        MediaPipeModel.FaceDetectionShortRange,
        MediaPipeModel.FaceDetectionFullRange,
        MediaPipeModel.FaceLandmark,
        MediaPipeModel.FaceLandmarkWithAttention,
    };

    private static float[][] Run(byte[] model, InterpreterOptions options, int seed)
    {
        using var interpreter = Interpreter.Load(model, options);
        Span<float> input = interpreter.GetInput(0);
        var rng = new Random(seed);
        for (int i = 0; i < input.Length; i++) input[i] = (float)rng.NextDouble();
        interpreter.Invoke();
        return Enumerable.Range(0, interpreter.Outputs.Count).Select(o => interpreter.GetOutput(o).ToArray()).ToArray();
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Outputs_are_finite_and_vector_scalar_and_threaded_runs_agree(MediaPipeModel model)
    {
        byte[] bytes = MediaPipeModels.ReadAllBytes(model);

        float[][] vector = Run(bytes, new InterpreterOptions { ThreadCount = 1 }, 11);
        float[][] threaded = Run(bytes, new InterpreterOptions { ThreadCount = 2 }, 11);
        float[][] scalar = Run(bytes, new InterpreterOptions { ThreadCount = 1, UseSimd = false }, 11);
        float[][] narrow = Run(bytes, new InterpreterOptions { ThreadCount = 1, MaxVectorBits = 256 }, 11);

        for (int o = 0; o < vector.Length; o++)
        {
            Assert.All(vector[o], v => Assert.True(float.IsFinite(v)));
            Assert.Equal(vector[o], threaded[o]);
            TestData.AssertClose(scalar[o], vector[o], 1e-5);
            TestData.AssertClose(scalar[o], narrow[o], 1e-5);
        }
    }

    /// <summary>
    /// Kernels that keep the models' float16 weights as halves (widening them in registers) give
    /// the outputs of the same weights widened to float32 at load, bit for bit, on every path.
    /// </summary>
    [Theory]
    [MemberData(nameof(Models))]
    public void Half_weights_change_no_output_bit(MediaPipeModel model)
    {
        byte[] bytes = MediaPipeModels.ReadAllBytes(model);
        foreach (ExecutionMode mode in ExecutionMode.All)
        {
            InterpreterOptions Options(bool keep) => new()
            {
                ThreadCount = mode.Threads, UseSimd = mode.Simd, MaxVectorBits = mode.MaxVectorBits, KeepHalfWeights = keep,
            };
            float[][] half = Run(bytes, Options(true), 13);
            float[][] single = Run(bytes, Options(false), 13);
            for (int o = 0; o < half.Length; o++)
                Assert.Equal(single[o].Select(BitConverter.SingleToInt32Bits), half[o].Select(BitConverter.SingleToInt32Bits));
        }
    }

    [Fact]
    public void Invoke_allocates_nothing_after_construction()
    {
        using var interpreter = Interpreter.Load(MediaPipeModels.ReadAllBytes(MediaPipeModel.FaceLandmarkWithAttention));
        // Several warm-up runs: on several threads a code path the helper took the first time may
        // reach the caller only later, and its first call on this thread can allocate in the JIT.
        for (int i = 0; i < 50; i++) interpreter.Invoke();

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 5; i++) interpreter.Invoke();

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
