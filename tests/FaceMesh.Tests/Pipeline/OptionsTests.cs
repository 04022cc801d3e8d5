using FaceMesh.Imaging;

namespace FaceMesh.Tests.Pipeline;

public class OptionsTests
{
    [Fact]
    public void Defaults_are_mediapipes()
    {
        var o = new FaceLandmarkerOptions();
        Assert.Equal((1, true, 0.5f, 0.5f, RunningMode.Image, FaceDetectorModel.ShortRange, Sampling.MediaPipeCpu, false, 1),
            (o.NumFaces, o.RefineLandmarks, o.MinFaceDetectionConfidence, o.MinFacePresenceConfidence, o.RunningMode, o.DetectorModel, o.Sampling, o.Smoothing, o.ThreadCount));
        o.Validate();
        new FaceDetectorOptions().Validate();
    }

    public static TheoryData<FaceLandmarkerOptions, string> OutOfRange => new()
    {
        { new FaceLandmarkerOptions { NumFaces = 0 }, "NumFaces" },
        { new FaceLandmarkerOptions { NumFaces = 65 }, "NumFaces" },
        { new FaceLandmarkerOptions { MinFaceDetectionConfidence = -0.1f }, "MinFaceDetectionConfidence" },
        { new FaceLandmarkerOptions { MinFaceDetectionConfidence = float.NaN }, "MinFaceDetectionConfidence" },
        { new FaceLandmarkerOptions { MinFacePresenceConfidence = 1.5f }, "MinFacePresenceConfidence" },
        { new FaceLandmarkerOptions { ThreadCount = 0 }, "ThreadCount" },
        { new FaceLandmarkerOptions { RunningMode = (RunningMode)9 }, "RunningMode" },
        { new FaceLandmarkerOptions { DetectorModel = (FaceDetectorModel)9 }, "DetectorModel" },
        { new FaceLandmarkerOptions { Sampling = (Sampling)9 }, "Sampling" },
    };

    [Theory, MemberData(nameof(OutOfRange))]
    public void Out_of_range_values_name_the_option(FaceLandmarkerOptions options, string name)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(options.Validate);
        Assert.Equal(name, error.ParamName);
        Assert.Contains(name, error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => FaceLandmarker.Create(options));
    }

    [Fact]
    public void Smoothing_needs_video_mode()
    {
        Assert.Throws<ArgumentException>(() => new FaceLandmarkerOptions { Smoothing = true }.Validate());
        new FaceLandmarkerOptions { Smoothing = true, RunningMode = RunningMode.Video }.Validate();
    }

    [Fact]
    public void Detector_options_are_checked_too()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new FaceDetectorOptions { MinDetectionConfidence = 2 }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => FaceDetector.Create(new FaceDetectorOptions { ThreadCount = -1 }));
    }
}
