using FaceMesh.Landmarks;
using FaceMesh.Tests.Support;

namespace FaceMesh.Tests.Pipeline;

public class FaceLandmarkerTests
{
    private static FaceLandmarker Create(FakeScene scene, FaceLandmarkerOptions options) => FaceLandmarker.Create(options, scene.Loader);

    [Fact]
    public void Image_mode_runs_the_detector_on_every_call()
    {
        var scene = new FakeScene();
        using var landmarker = Create(scene, new FaceLandmarkerOptions { RefineLandmarks = false });
        landmarker.Detect(scene.Image);
        FaceLandmarkerResult result = landmarker.Detect(scene.Image);

        Assert.Equal(2, scene.Detector.Invocations);
        Face face = Assert.Single(result.Faces);
        Assert.NotNull(face.Detection);
        Assert.Equal(1f / (1f + MathF.Exp(-5f)), face.Detection.Score, 1e-6f);
        Assert.Equal(0.5f, face.Detection.RelativeBoundingBox.XMin + face.Detection.RelativeBoundingBox.Width / 2, 1e-5f);
        Assert.Equal(128f, face.Detection.PixelKeypoints[(int)FaceKeypoint.NoseTip].X, 1e-3f);
        Assert.Equal(468, face.Landmarks.Count);
        Assert.Equal(1f / (1f + MathF.Exp(-5f)), face.FaceFlag, 1e-6f);
        Assert.Equal(0f, face.Roi.Rotation, 1e-5f);
        Assert.Equal(face.Landmarks[10].X * 256, face.GetPixelLandmark(10).X, 1e-4f);
        Assert.Equal(face.Landmarks[10].Z * 256, face.GetPixelLandmark(10).Z, 1e-4f);
    }

    [Fact]
    public void Refined_model_gives_478_landmarks()
    {
        var scene = new FakeScene();
        using var landmarker = Create(scene, new FaceLandmarkerOptions());
        Assert.Equal(478, Assert.Single(landmarker.Detect(scene.Image).Faces).Landmarks.Count);
        Assert.Equal(1, scene.Attention.Invocations);
    }

    [Fact]
    public void Video_mode_tracks_from_the_previous_landmarks_without_the_detector()
    {
        var scene = new FakeScene();
        using var landmarker = Create(scene, new FaceLandmarkerOptions { RefineLandmarks = false, RunningMode = RunningMode.Video });
        Face first = Assert.Single(landmarker.DetectForVideo(scene.Image, 0).Faces);
        Face second = Assert.Single(landmarker.DetectForVideo(scene.Image, 33).Faces);
        landmarker.DetectForVideo(scene.Image, 66);

        Assert.Equal(1, scene.Detector.Invocations);
        Assert.Equal(3, scene.Mesh.Invocations);
        Assert.NotNull(first.Detection);
        Assert.Null(second.Detection);
        Assert.Equal(RoiFromLandmarks.Compute(first.LandmarkSpan, 256, 256), second.Roi);
    }

    [Fact]
    public void Resetting_tracking_starts_the_next_video_like_a_new_landmarker_would()
    {
        var scene = new FakeScene();
        using var landmarker = Create(scene, new FaceLandmarkerOptions { RefineLandmarks = false, RunningMode = RunningMode.Video, Smoothing = true });
        landmarker.DetectForVideo(scene.Image, 0);
        landmarker.DetectForVideo(scene.Image, 500);
        landmarker.ResetTracking();
        // The timestamp may start over, and the detector runs again instead of tracking.
        Face again = Assert.Single(landmarker.DetectForVideo(scene.Image, 0).Faces);
        Assert.Equal(2, scene.Detector.Invocations);
        Assert.NotNull(again.Detection);

        var freshScene = new FakeScene();
        using var fresh = Create(freshScene, new FaceLandmarkerOptions { RefineLandmarks = false, RunningMode = RunningMode.Video, Smoothing = true });
        Face expected = Assert.Single(fresh.DetectForVideo(freshScene.Image, 0).Faces);
        Assert.Equal(expected.Roi, again.Roi);
        Assert.Equal(expected.LandmarkSpan.ToArray(), again.LandmarkSpan.ToArray());
    }

    [Fact]
    public void A_lost_face_brings_the_detector_back()
    {
        var scene = new FakeScene();
        using var landmarker = Create(scene, new FaceLandmarkerOptions { RefineLandmarks = false, RunningMode = RunningMode.Video });
        landmarker.DetectForVideo(scene.Image, 1);
        scene.FaceFlagLogit = -5f;
        Assert.Empty(landmarker.DetectForVideo(scene.Image, 2).Faces);
        scene.FaceFlagLogit = 5f;
        Assert.NotNull(Assert.Single(landmarker.DetectForVideo(scene.Image, 3).Faces).Detection);
        Assert.Equal(2, scene.Detector.Invocations);
    }

    [Fact]
    public void With_room_for_more_faces_a_tracked_face_replaces_its_own_redetection()
    {
        var scene = new FakeScene();
        using var landmarker = Create(scene, new FaceLandmarkerOptions { RefineLandmarks = false, RunningMode = RunningMode.Video, NumFaces = 2 });
        landmarker.DetectForVideo(scene.Image, 1);
        Face face = Assert.Single(landmarker.DetectForVideo(scene.Image, 2).Faces);
        Assert.Equal(2, scene.Detector.Invocations);
        Assert.Null(face.Detection);
    }

    [Fact]
    public void Presence_equal_to_the_threshold_drops_the_face()
    {
        var scene = new FakeScene { FaceFlagLogit = 0f };
        using var landmarker = Create(scene, new FaceLandmarkerOptions { RefineLandmarks = false });
        Assert.Empty(landmarker.Detect(scene.Image).Faces);
    }

    [Fact]
    public void TryDetect_reuses_the_callers_result_and_its_faces()
    {
        var scene = new FakeScene();
        using var landmarker = Create(scene, new FaceLandmarkerOptions { RefineLandmarks = false });
        var result = new FaceLandmarkerResult();
        Assert.True(landmarker.TryDetect(scene.Image, result));
        Face face = result.Faces[0];
        Assert.True(landmarker.TryDetect(scene.Image, result));
        Assert.Same(face, Assert.Single(result.Faces));
        Assert.Same(face.Detection, result.Faces[0].Detection);
    }

    [Fact]
    public void Video_timestamps_must_increase_strictly()
    {
        var scene = new FakeScene();
        using var landmarker = Create(scene, new FaceLandmarkerOptions { RefineLandmarks = false, RunningMode = RunningMode.Video });
        landmarker.DetectForVideo(scene.Image, 100);
        var error = Assert.Throws<ArgumentException>(() => landmarker.DetectForVideo(scene.Image, 100));
        Assert.Contains("increase", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => landmarker.DetectForVideo(scene.Image, 50));
        landmarker.DetectForVideo(scene.Image, 101);
    }

    [Fact]
    public void Calling_the_other_modes_method_is_an_invalid_operation()
    {
        var scene = new FakeScene();
        using var video = Create(scene, new FaceLandmarkerOptions { RefineLandmarks = false, RunningMode = RunningMode.Video });
        Assert.Throws<InvalidOperationException>(() => video.Detect(scene.Image));
        using var image = Create(new FakeScene(), new FaceLandmarkerOptions { RefineLandmarks = false });
        Assert.Throws<InvalidOperationException>(() => image.DetectForVideo(scene.Image, 1));
    }

    [Fact]
    public void Dispose_releases_the_models_and_later_calls_throw()
    {
        var scene = new FakeScene();
        var landmarker = Create(scene, new FaceLandmarkerOptions { RefineLandmarks = false });
        landmarker.Dispose();
        landmarker.Dispose();
        Assert.True(scene.Detector.Disposed);
        Assert.True(scene.Mesh.Disposed);
        Assert.Throws<ObjectDisposedException>(() => landmarker.Detect(scene.Image));
    }

    [Fact]
    public void Smoothing_in_video_mode_passes_the_first_frame_and_keeps_tracking_raw()
    {
        var scene = new FakeScene();
        using var smoothed = Create(scene, new FaceLandmarkerOptions { RefineLandmarks = false, RunningMode = RunningMode.Video, Smoothing = true });
        var raw = Create(new FakeScene(), new FaceLandmarkerOptions { RefineLandmarks = false, RunningMode = RunningMode.Video });
        float previous = float.NaN;
        for (int t = 1; t <= 3; t++)
        {
            Face a = smoothed.DetectForVideo(scene.Image, t * 33).Faces[0];
            Face b = raw.DetectForVideo(scene.Image, t * 33).Faces[0];
            // The ROI loop sees raw landmarks, so both landmarkers crop the same regions.
            Assert.Equal(b.Roi, a.Roi);
            if (t == 1) Assert.Equal(b.Landmarks[5], a.Landmarks[5]);
            else Assert.InRange(a.Landmarks[5].X, Math.Min(previous, b.Landmarks[5].X), Math.Max(previous, b.Landmarks[5].X));
            previous = a.Landmarks[5].X;
        }
        raw.Dispose();
    }
}
