using FaceMesh.Models;
using FaceMesh.Tests.Support;
using FaceMesh.Thorough;

namespace FaceMesh.Tests.Thorough;

/// <summary>How <see cref="FaceLandmarkerOptions.Thorough"/> drives the models, on fake models (no fixtures needed).</summary>
public class ThoroughPipelineTests
{
    private static FakeModel AddFullRange(FakeScene scene)
    {
        // The full-range model sees nothing: every logit far below the threshold.
        var fullRange = new FakeModel(192 * 192 * 3);
        fullRange.ByIndex[0] = new float[2304 * 16];
        fullRange.ByIndex[1] = Enumerable.Repeat(-20f, 2304).ToArray();
        scene.Loader.Models[MediaPipeModel.FaceDetectionFullRange] = fullRange;
        return fullRange;
    }

    [Fact]
    public void Default_mode_neither_loads_nor_runs_anything_more()
    {
        // No full-range fake in the loader: loading it would throw.
        var scene = new FakeScene();
        using var landmarker = FaceLandmarker.Create(new FaceLandmarkerOptions { RefineLandmarks = false }, scene.Loader);
        Assert.Single(landmarker.Detect(scene.Image).Faces);
        Assert.Equal(1, scene.Detector.Invocations);
        Assert.Equal(1, scene.Mesh.Invocations);
    }

    [Fact]
    public void Thorough_mode_stops_detecting_once_it_has_the_faces_asked_for_and_refines_them()
    {
        var scene = new FakeScene();
        FakeModel fullRange = AddFullRange(scene);
        using var landmarker = FaceLandmarker.Create(new FaceLandmarkerOptions { RefineLandmarks = false, Thorough = true }, scene.Loader);
        Face face = Assert.Single(landmarker.Detect(scene.Image).Faces);

        // One face asked for, one found by the short-range model: no second model, no turns.
        Assert.Equal(1, scene.Detector.Invocations);
        Assert.Equal(0, fullRange.Invocations);
        // The detection's crop, the refined crop, its mirror image.
        Assert.Equal(1 + ThoroughSettings.Kept.RefinementPasses + ThoroughSettings.Kept.AveragedViews, scene.Mesh.Invocations);
        Assert.NotNull(face.Detection);
    }

    [Fact]
    public void Thorough_mode_asked_for_more_faces_runs_the_second_model()
    {
        var scene = new FakeScene();
        FakeModel fullRange = AddFullRange(scene);
        using var landmarker = FaceLandmarker.Create(new FaceLandmarkerOptions { RefineLandmarks = false, Thorough = true, NumFaces = 2 }, scene.Loader);
        Assert.Single(landmarker.Detect(scene.Image).Faces);

        // 256 px is too small for tiles; the whole image found something upright, so no turns.
        Assert.Equal(1, scene.Detector.Invocations);
        Assert.Equal(1, fullRange.Invocations);
    }

    [Fact]
    public void A_refinement_pass_whose_face_flag_fails_is_not_kept()
    {
        var scene = new FakeScene();
        AddFullRange(scene);
        int runs = 0;
        // The first run sees a face, every later one does not.
        scene.Mesh.BeforeOutput = model => model.ByIndex[1][0] = runs++ == 0 ? 5f : -5f;
        using var landmarker = FaceLandmarker.Create(new FaceLandmarkerOptions { RefineLandmarks = false, Thorough = true }, scene.Loader);
        Face face = Assert.Single(landmarker.Detect(scene.Image).Faces);

        // The first crop, a refinement pass that fails (not kept), the mirror view that fails (not averaged).
        Assert.Equal(3, runs);
        Assert.Equal(1f / (1f + MathF.Exp(-5f)), face.FaceFlag, 1e-6f);
    }

    [Fact]
    public void Nothing_upright_brings_the_three_turned_views()
    {
        var scene = new FakeScene();
        FakeModel fullRange = AddFullRange(scene);
        scene.Detector.ByIndex[1] = Enumerable.Repeat(-20f, 896).ToArray();
        using var landmarker = FaceLandmarker.Create(new FaceLandmarkerOptions { RefineLandmarks = false, Thorough = true }, scene.Loader);
        Assert.Empty(landmarker.Detect(scene.Image).Faces);

        // Upright: both models; then the turned views, with the tiles' model (full-range).
        Assert.Equal(1, scene.Detector.Invocations);
        Assert.Equal(1 + 3, fullRange.Invocations);
        Assert.Equal(0, scene.Mesh.Invocations);
    }

    [Fact]
    public void A_face_both_detectors_find_is_one_face()
    {
        var scene = new FakeScene();
        FakeModel fullRange = AddFullRange(scene);
        var anchors = FaceMesh.Detectors.SsdAnchors.Generate(FaceMesh.Detectors.DetectorSpec.FullRange);
        int anchor = Array.FindIndex(anchors, a => MathF.Abs(a.XCenter - 0.5f) < 0.02f && MathF.Abs(a.YCenter - 0.5f) < 0.02f);
        fullRange.ByIndex[1][anchor] = 3f;
        fullRange.ByIndex[0][anchor * 16 + 2] = 0.3f * 192;
        fullRange.ByIndex[0][anchor * 16 + 3] = 0.3f * 192;
        using var landmarker = FaceLandmarker.Create(new FaceLandmarkerOptions { RefineLandmarks = false, Thorough = true, NumFaces = 4 }, scene.Loader);

        Face face = Assert.Single(landmarker.Detect(scene.Image).Faces);
        Assert.Equal(1 + ThoroughSettings.Kept.RefinementPasses + ThoroughSettings.Kept.AveragedViews, scene.Mesh.Invocations);
        // The short-range detection (score sigmoid(5)) seeds the merged face.
        Assert.Equal(1f / (1f + MathF.Exp(-5f)), face.Detection!.Score, 1e-6f);
    }
}
