using System.CommandLine;
using FaceMesh.Imaging;

namespace FaceMesh.Cli.Commands;

/// <summary>Options shared by the commands that run the face pipeline, and their mapping to <see cref="FaceLandmarkerOptions"/>.</summary>
internal sealed class CommonOptions
{
    public Option<bool> Refine { get; } = new("--refine")
    {
        Description = "478 refined landmarks (lips, eyes, irises) with the attention model; false: 468 with face_landmark.tflite",
        DefaultValueFactory = _ => true,
    };

    public Option<int> NumFaces { get; } = new("--max-faces")
    {
        Description = "Maximum number of faces",
        DefaultValueFactory = _ => 1,
    };

    public Option<string> Detector { get; } = new Option<string>("--detector")
    {
        Description = "BlazeFace model: short (faces within ~2 m, as Face Mesh uses) or full (within ~5 m)",
        DefaultValueFactory = _ => "short",
    }.AcceptOnlyFromAmong("short", "full");

    public Option<string> Sampling { get; } = new Option<string>("--sampling")
    {
        Description = "Image sampling convention: cpu (MediaPipe C++/Python) or gpu (MediaPipe JS)",
        DefaultValueFactory = _ => "cpu",
    }.AcceptOnlyFromAmong("cpu", "gpu");

    public Option<int> Threads { get; } = NonNegative(new Option<int>("--threads")
    {
        Description = "Inference threads (0 = all cores)",
        DefaultValueFactory = _ => 1,
    });

    private static Option<int> NonNegative(Option<int> option)
    {
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 0) result.AddError($"{option.Name} must be 0 or more, got {result.GetValueOrDefault<int>()}.");
        });
        return option;
    }

    public void AddTo(Command command)
    {
        command.Options.Add(Refine);
        command.Options.Add(NumFaces);
        command.Options.Add(Detector);
        command.Options.Add(Sampling);
        command.Options.Add(Threads);
    }

    public FaceLandmarkerOptions ToOptions(ParseResult parse, RunningMode mode, bool smoothing = false) => new()
    {
        RefineLandmarks = parse.GetValue(Refine),
        NumFaces = parse.GetValue(NumFaces),
        DetectorModel = parse.GetValue(Detector) == "full" ? FaceDetectorModel.FullRange : FaceDetectorModel.ShortRange,
        Sampling = parse.GetValue(Sampling) == "gpu" ? FaceMesh.Imaging.Sampling.MediaPipeGpu : FaceMesh.Imaging.Sampling.MediaPipeCpu,
        ThreadCount = parse.GetValue(Threads) is > 0 and var threads ? threads : Environment.ProcessorCount,
        RunningMode = mode,
        Smoothing = smoothing,
    };
}
