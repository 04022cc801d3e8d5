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

    public Option<bool> Thorough { get; } = new("--thorough")
    {
        Description = "Accuracy mode beyond MediaPipe: also finds small, distant and rotated faces and refines still-image landmarks, at a few times the cost (README: Thorough mode)",
    };

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
        command.Options.Add(Thorough);
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
        Thorough = parse.GetValue(Thorough),
    };
}

/// <summary>How the image commands read their input files, and the warning lines a damaged file gets.</summary>
internal sealed class ImageInputOptions
{
    public Option<bool> Strict { get; } = new("--strict")
    {
        Description = "Fail on a damaged image (truncated or corrupt data) instead of warning and using what decoded",
    };

    public Option<double> MaxMegapixels { get; } = new("--max-megapixels")
    {
        Description = "Refuse images larger than this many megapixels, checked before decoding (at most 500)",
        DefaultValueFactory = _ => Media.ImageReadOptions.DefaultMaxMegapixels,
    };

    public Option<bool> NoExif { get; } = new("--no-exif")
    {
        Description = "Ignore EXIF orientation: use JPEG/PNG pixels as stored instead of turning them upright",
    };

    public Option<string> JpegDecoder { get; } = new Option<string>("--jpeg-decoder")
    {
        Description = "JPEG decoder: libjpeg-turbo (djpeg, MediaPipe's pixels) or ffmpeg (no djpeg needed, slightly different pixels)",
        DefaultValueFactory = _ => "libjpeg-turbo",
    }.AcceptOnlyFromAmong("libjpeg-turbo", "ffmpeg");

    public void AddTo(Command command)
    {
        command.Options.Add(Strict);
        command.Options.Add(MaxMegapixels);
        command.Options.Add(NoExif);
        command.Options.Add(JpegDecoder);
    }

    /// <summary>
    /// Reads an image so that Ctrl-C always ends the wait (see <see cref="Input.InterruptibleRead"/>);
    /// each decoder warning becomes a "facemesh: warning:" line naming the file.
    /// </summary>
    public async Task<ImageBuffer> ReadAsync(ParseResult parse, string path, CancellationToken cancellationToken)
    {
        var options = new Media.ImageReadOptions
        {
            Strict = parse.GetValue(Strict),
            MaxMegapixels = parse.GetValue(MaxMegapixels),
            ApplyExifOrientation = !parse.GetValue(NoExif),
            JpegDecoder = parse.GetValue(JpegDecoder) == "ffmpeg" ? Media.JpegDecoder.Ffmpeg : Media.JpegDecoder.LibjpegTurbo,
        };
        using Media.ImageReadResult read = await Input.InterruptibleRead.ImageAsync(path, options, cancellationToken).ConfigureAwait(false);
        foreach (string warning in read.Warnings)
            await Console.Error.WriteLineAsync($"facemesh: warning: '{path}' is damaged: {warning}").ConfigureAwait(false);
        return read.DetachImage();
    }
}
