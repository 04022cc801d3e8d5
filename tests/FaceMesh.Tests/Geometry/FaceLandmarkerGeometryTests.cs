using FaceMesh.Geometry;
using FaceMesh.Imaging;
using FaceMesh.Tests.Parity;
using FaceMesh.Tests.Support;

namespace FaceMesh.Tests.Geometry;

/// <summary>FaceLandmarkerOptions.OutputFacialTransformationMatrixes and Face.Geometry inside the pipeline.</summary>
public sealed class FaceLandmarkerGeometryTests
{
    [Fact]
    public void Geometry_is_off_by_default()
    {
        var scene = new FakeScene();
        Assert.False(new FaceLandmarkerOptions().OutputFacialTransformationMatrixes);
        using var landmarker = FaceLandmarker.Create(new FaceLandmarkerOptions(), scene.Loader);
        Assert.Null(Assert.Single(landmarker.Detect(scene.Image).Faces).Geometry);
    }

    [Theory]
    [InlineData(RunningMode.Image)]
    [InlineData(RunningMode.Video)]
    public void Reused_results_get_geometry_without_allocating(RunningMode mode)
    {
        var scene = new FakeScene();
        using var landmarker = FaceLandmarker.Create(new FaceLandmarkerOptions { OutputFacialTransformationMatrixes = true, RunningMode = mode, Smoothing = mode == RunningMode.Video }, scene.Loader);
        var result = new FaceLandmarkerResult();
        long t = 0;
        void Run()
        {
            if (mode == RunningMode.Image) landmarker.TryDetect(scene.Image, result);
            else landmarker.TryDetectForVideo(scene.Image, t += 33, result);
        }
        // Past tiered compilation's call counts (30 calls), whose promotion once allocated 7.9 KB on this thread in CI.
        for (int i = 0; i < 60; i++) Run();
        FaceGeometry? first = Assert.Single(result.Faces).Geometry;
        Assert.NotNull(first);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 5; i++) Run();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Same(first, Assert.Single(result.Faces).Geometry);
    }

    [FixtureFact("astronaut.png")]
    public void With_478_landmarks_the_geometry_is_that_of_the_first_468()
    {
        GeometryGoldenImage golden = GeometryOracle.Stills().Single(i => i.Name == "astronaut.png");
        using ImageBuffer image = OracleImages.Load("astronaut.png", golden.InputRgbSha256);
        using FaceLandmarker landmarker = FaceLandmarker.Create(new FaceLandmarkerOptions { RefineLandmarks = true, OutputFacialTransformationMatrixes = true });
        Face face = Assert.Single(landmarker.Detect(image.View).Faces);
        Assert.Equal(478, face.Landmarks.Count);
        FaceGeometry expected = new FaceGeometryEstimator().Estimate(face.LandmarkSpan[..468], face.ImageWidth, face.ImageHeight)!;
        Assert.NotNull(face.Geometry);
        Assert.Equal(expected.PoseTransform, face.Geometry.PoseTransform);
        Assert.Equal(expected.MeshVertices.ToArray(), face.Geometry.MeshVertices.ToArray());
    }
}
