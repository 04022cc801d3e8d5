using FaceMesh.Imaging;

namespace FaceMesh;

/// <summary>Options of a stand-alone <see cref="FaceDetector"/> (MediaPipe Face Detection's).</summary>
public sealed record FaceDetectorOptions
{
    /// <summary>Score a face needs, 0..1 (inclusive).</summary>
    public float MinDetectionConfidence { get; init; } = 0.5f;

    /// <summary>Short range (faces within ~2 m) or full range (~5 m).</summary>
    public FaceDetectorModel Model { get; init; } = FaceDetectorModel.ShortRange;

    /// <summary>Which MediaPipe build's image sampling to reproduce.</summary>
    public Sampling Sampling { get; init; } = Sampling.MediaPipeCpu;

    /// <summary>Threads the model may use, 1..<see cref="FaceLandmarkerOptions.ThreadCountLimit"/>.</summary>
    public int ThreadCount { get; init; } = 1;

    /// <summary>A .tflite file to use instead of the embedded model (null = embedded); checked at creation.</summary>
    public string? ModelPath { get; init; }

    /// <summary>Throws if any option is out of range (<see cref="FaceDetector.Create(FaceDetectorOptions?)"/> calls it).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of its documented range.</exception>
    public void Validate()
    {
        OptionChecks.Probability(MinDetectionConfidence, nameof(MinDetectionConfidence));
        OptionChecks.Defined(Model, nameof(Model));
        OptionChecks.Defined(Sampling, nameof(Sampling));
        OptionChecks.ThreadCount(ThreadCount, FaceLandmarkerOptions.ThreadCountLimit);
    }
}
