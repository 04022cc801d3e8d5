using BenchmarkDotNet.Attributes;
using FaceMesh.Imaging;

namespace FaceMesh.Benchmarks.Kernels;

/// <summary>
/// The crop samplers on a 640x480 RGB frame: a rotated face region into the landmark model's
/// 256x256 input, and the whole frame letterboxed into the detector's 128x128.
/// </summary>
[MemoryDiagnoser]
public class CropSamplerBenchmarks
{
    private readonly float[] _landmarkInput = new float[256 * 256 * 3];
    private readonly float[] _detectorInput = new float[128 * 128 * 3];
    private ImageView _frame;

    [Params(Sampling.MediaPipeCpu, Sampling.MediaPipeGpu)]
    public Sampling Sampling { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var pixels = new byte[640 * 480 * 3];
        var rng = new Random(6);
        rng.NextBytes(pixels);
        _frame = new ImageView(pixels, 640, 480, PixelFormat.Rgb24);
    }

    [Benchmark]
    public void RotatedFaceCrop() =>
        ImageToTensor.Crop(_frame, new RotatedRect(330, 250, 220, 220, 0.3f), new CropTarget(256, 256, 0f, 1f, SamplingBorder.Replicate),
            Sampling, _landmarkInput);

    [Benchmark]
    public void DetectorLetterbox() =>
        ImageToTensor.Crop(_frame, new RotatedRect(320, 240, 640, 640, 0f), new CropTarget(128, 128, -1f, 1f, SamplingBorder.Zero),
            Sampling, _detectorInput);
}
