using FaceMesh.Tests.Support;

namespace FaceMesh.Tests.Pipeline;

/// <summary>
/// The reusable-result paths allocate nothing once warmed up (the models are fakes here). The
/// warm-up also lets the JIT finish its one-off work, which is counted as allocation.
/// </summary>
public class AllocationTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Image_mode_TryDetect_allocates_nothing_after_warm_up(bool refine)
    {
        var scene = new FakeScene();
        using var landmarker = FaceLandmarker.Create(new FaceLandmarkerOptions { RefineLandmarks = refine }, scene.Loader);
        var result = new FaceLandmarkerResult();
        for (int i = 0; i < 20; i++) landmarker.TryDetect(scene.Image, result);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 5; i++) landmarker.TryDetect(scene.Image, result);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Single(result.Faces);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Video_mode_with_smoothing_allocates_nothing_after_warm_up(bool blendshapes)
    {
        var scene = new FakeScene();
        using var landmarker = FaceLandmarker.Create(
            new FaceLandmarkerOptions { RunningMode = RunningMode.Video, Smoothing = true, NumFaces = 2, OutputFaceBlendshapes = blendshapes }, scene.Loader);
        var result = new FaceLandmarkerResult();
        long t = 0;
        for (int i = 0; i < 20; i++) landmarker.TryDetectForVideo(scene.Image, t += 33, result);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 5; i++) landmarker.TryDetectForVideo(scene.Image, t += 33, result);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Single(result.Faces);
        Assert.Equal(blendshapes, result.Faces[0].Blendshapes is not null);
    }

    [Fact]
    public void Detector_TryDetect_allocates_nothing_after_warm_up()
    {
        var scene = new FakeScene();
        using var detector = FaceDetector.Create(new FaceDetectorOptions(), scene.Loader);
        var result = new FaceDetectorResult();
        for (int i = 0; i < 20; i++) detector.TryDetect(scene.Image, result);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 5; i++) detector.TryDetect(scene.Image, result);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Single(result.Detections);
    }
}
