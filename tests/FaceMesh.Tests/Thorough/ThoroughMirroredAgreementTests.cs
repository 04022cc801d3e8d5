using FaceMesh.Geometry;
using FaceMesh.Models;
using FaceMesh.Tests.Support;
using FaceMesh.Thorough;

namespace FaceMesh.Tests.Thorough;

/// <summary>
/// An extra face (one MediaPipe's pipeline did not find) is kept only if the landmark model sees it
/// alike in the crop and in its mirror image; on fake models whose mesh output is fixed, so the test
/// decides whether the two views agree.
/// </summary>
public class ThoroughMirroredAgreementTests
{
    // The short-range model sees nothing; the full-range model sees one face in the middle of every view.
    private static FakeScene SceneWithOnlyAnExtraFace()
    {
        var scene = new FakeScene();
        scene.Detector.ByIndex[1] = Enumerable.Repeat(-20f, 896).ToArray();
        return WithFullRangeFace(scene);
    }

    private static FakeScene WithFullRangeFace(FakeScene scene)
    {
        var fullRange = new FakeModel(192 * 192 * 3);
        fullRange.ByIndex[0] = new float[2304 * 16];
        fullRange.ByIndex[1] = Enumerable.Repeat(-20f, 2304).ToArray();
        var anchors = FaceMesh.Detectors.SsdAnchors.Generate(FaceMesh.Detectors.DetectorSpec.FullRange);
        int anchor = Array.FindIndex(anchors, a => MathF.Abs(a.XCenter - 0.5f) < 0.02f && MathF.Abs(a.YCenter - 0.5f) < 0.02f);
        fullRange.ByIndex[1][anchor] = 3f;
        fullRange.ByIndex[0][anchor * 16 + 2] = 0.3f * 192;
        fullRange.ByIndex[0][anchor * 16 + 3] = 0.3f * 192;
        scene.Loader.Models[MediaPipeModel.FaceDetectionFullRange] = fullRange;
        return scene;
    }

    private static int FacesFound(FakeScene scene, ThoroughSettings settings)
    {
        var options = new FaceLandmarkerOptions { RefineLandmarks = false, Thorough = true };
        using FaceLandmarker landmarker = FaceLandmarker.Create(options, scene.Loader, settings);
        return landmarker.Detect(scene.Image).Faces.Count;
    }

    // The canonical face, which is left-right symmetric, centred in the crop: its mirror image is itself.
    private static float[] SymmetricMesh()
    {
        ReadOnlySpan<System.Numerics.Vector3> positions = CanonicalFaceModel.Default.Positions;
        float extent = 0;
        foreach (var p in positions) extent = Math.Max(extent, Math.Max(MathF.Abs(p.X), MathF.Abs(p.Y)));
        var mesh = new float[1404];
        for (int k = 0; k < 468; k++)
        {
            mesh[3 * k] = 96 + 64 * positions[k].X / extent;
            mesh[3 * k + 1] = 96 - 64 * positions[k].Y / extent;
        }
        return mesh;
    }

    [Fact]
    public void An_extra_face_whose_mirror_image_disagrees_is_dropped()
    {
        // The fake's default mesh is a grid: mirrored, each point lands where another one was.
        Assert.Equal(0, FacesFound(SceneWithOnlyAnExtraFace(), ThoroughSettings.Kept));
        Assert.Equal(1, FacesFound(SceneWithOnlyAnExtraFace(), ThoroughSettings.Kept with { MaxViewDisagreement = float.PositiveInfinity }));
    }

    [Fact]
    public void An_extra_face_that_looks_alike_mirrored_is_kept()
    {
        FakeScene scene = SceneWithOnlyAnExtraFace();
        float[] symmetric = SymmetricMesh();
        symmetric.CopyTo(scene.Mesh.ByIndex[0], 0);
        Assert.Equal(1, FacesFound(scene, ThoroughSettings.Kept));
    }

    [Fact]
    public void A_face_the_default_finds_is_kept_however_its_mirror_image_disagrees()
    {
        Assert.Equal(1, FacesFound(WithFullRangeFace(new FakeScene()), ThoroughSettings.Kept));
    }
}
