using FaceMesh.Batch;
using FaceMesh.Imaging;

namespace FaceMesh.Queue;

/// <summary>
/// The pipeline options a job carries to the worker (the ones that change results; thread counts
/// are the worker's own business). JSON names match the CLI flags.
/// </summary>
public sealed record JobSettings
{
    public bool Refine { get; init; } = true;
    public int MaxFaces { get; init; } = 1;
    /// <summary>"short" or "full".</summary>
    public string Detector { get; init; } = "short";
    /// <summary>"cpu" or "gpu".</summary>
    public string Sampling { get; init; } = "cpu";
    public bool Smoothing { get; init; } = true;
    /// <summary><see cref="FaceLandmarkerOptions.Thorough"/>; absent in older jobs, which were all MediaPipe-exact.</summary>
    public bool Thorough { get; init; }

    public BatchOptions ToBatchOptions(int threads = 1)
    {
        var landmarker = new FaceLandmarkerOptions
        {
            RefineLandmarks = Refine,
            NumFaces = MaxFaces,
            DetectorModel = Detector switch
            {
                "short" => FaceDetectorModel.ShortRange,
                "full" => FaceDetectorModel.FullRange,
                _ => throw new FormatException($"Unknown detector '{Detector}' in job (short or full)."),
            },
            Sampling = Sampling switch
            {
                "cpu" => FaceMesh.Imaging.Sampling.MediaPipeCpu,
                "gpu" => FaceMesh.Imaging.Sampling.MediaPipeGpu,
                _ => throw new FormatException($"Unknown sampling '{Sampling}' in job (cpu or gpu)."),
            },
            ThreadCount = threads,
            RunningMode = RunningMode.Video,
            Smoothing = Smoothing,
            Thorough = Thorough,
        };
        landmarker.Validate();
        return new BatchOptions { Landmarker = landmarker };
    }
}
