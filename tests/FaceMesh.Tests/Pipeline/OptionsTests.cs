using FaceMesh.Imaging;

namespace FaceMesh.Tests.Pipeline;

public class OptionsTests
{
    [Fact]
    public void Defaults_are_mediapipes()
    {
        var o = new FaceMeshOptions();
        Assert.Equal((1, true, 0.5f, 0.5f, RunningMode.Image, FaceDetectorModel.ShortRange, Sampling.MediaPipeCpu, false, 1),
            (o.MaxFaces, o.RefineLandmarks, o.MinDetectionConfidence, o.MinTrackingConfidence, o.RunningMode, o.Detector, o.Sampling, o.Smoothing, o.ThreadCount));
        o.Validate();
        new FaceDetectorOptions().Validate();
    }

    public static TheoryData<FaceMeshOptions, string> OutOfRange => new()
    {
        { new FaceMeshOptions { MaxFaces = 0 }, "MaxFaces" },
        { new FaceMeshOptions { MaxFaces = 65 }, "MaxFaces" },
        { new FaceMeshOptions { MinDetectionConfidence = -0.1f }, "MinDetectionConfidence" },
        { new FaceMeshOptions { MinDetectionConfidence = float.NaN }, "MinDetectionConfidence" },
        { new FaceMeshOptions { MinTrackingConfidence = 1.5f }, "MinTrackingConfidence" },
        { new FaceMeshOptions { ThreadCount = 0 }, "ThreadCount" },
        { new FaceMeshOptions { RunningMode = (RunningMode)9 }, "RunningMode" },
        { new FaceMeshOptions { Detector = (FaceDetectorModel)9 }, "Detector" },
        { new FaceMeshOptions { Sampling = (Sampling)9 }, "Sampling" },
    };

    [Theory, MemberData(nameof(OutOfRange))]
    public void Out_of_range_values_name_the_option(FaceMeshOptions options, string name)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(options.Validate);
        Assert.Equal(name, error.ParamName);
        Assert.Contains(name, error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => FaceLandmarker.Create(options));
    }

    [Fact]
    public void Smoothing_needs_video_mode()
    {
        Assert.Throws<ArgumentException>(() => new FaceMeshOptions { Smoothing = true }.Validate());
        new FaceMeshOptions { Smoothing = true, RunningMode = RunningMode.Video }.Validate();
    }

    [Fact]
    public void Detector_options_are_checked_too()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new FaceDetectorOptions { MinDetectionConfidence = 2 }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => FaceDetector.Create(new FaceDetectorOptions { ThreadCount = -1 }));
    }
}
