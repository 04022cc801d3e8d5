using System.Numerics;
using FaceMesh.Imaging;
using FaceMesh.Tests.Support;
using Xunit.Abstractions;

namespace FaceMesh.Tests.Golden;

/// <summary>The whole pipeline with the real models on astronaut.png (one frontal face, 512x512).</summary>
public class AstronautEndToEndTests(ITestOutputHelper output)
{
    [FixtureFact("astronaut.png")]
    public void Finds_one_face_with_478_landmarks_in_the_right_places()
    {
        using ImageBuffer image = Fixtures.Read("astronaut.png");
        foreach (Sampling sampling in new[] { Sampling.MediaPipeCpu, Sampling.MediaPipeGpu })
        {
            using var landmarker = FaceLandmarker.Create(new FaceLandmarkerOptions { Sampling = sampling });
            Face face = Assert.Single(landmarker.Detect(image.View).Faces);
            Assert.Equal(478, face.Landmarks.Count);
            Assert.NotNull(face.Detection);
            Assert.True(face.FaceFlag > 0.9f, $"face flag {face.FaceFlag}");

            Vector3 irisImageLeft = face.GetPixelLandmark(468), irisImageRight = face.GetPixelLandmark(473);
            Vector3 noseTip = face.GetPixelLandmark(1), upperLip = face.GetPixelLandmark(13), chin = face.GetPixelLandmark(152);
            output.WriteLine($"{sampling}: score {face.Detection.Score:F4}, flag {face.FaceFlag:F4}, box {face.Detection.PixelBoundingBox}, " +
                $"irises {irisImageLeft} {irisImageRight}, nose {noseTip}, lip {upperLip}, chin {chin}, roi {face.Roi}");

            // Eyes left and right of the nose, above it; mouth below the nose; chin lowest.
            Assert.True(irisImageLeft.X < noseTip.X && noseTip.X < irisImageRight.X);
            Assert.True(irisImageLeft.Y < noseTip.Y && irisImageRight.Y < noseTip.Y);
            Assert.True(noseTip.Y < upperLip.Y && upperLip.Y < chin.Y);
            float eyeDistance = Vector2.Distance(new(irisImageLeft.X, irisImageLeft.Y), new(irisImageRight.X, irisImageRight.Y));
            Assert.InRange(eyeDistance, 30f, 120f);

            // The detector's eye keypoints sit near the iris centres, and every landmark lies in the face's neighbourhood.
            Assert.True(Vector2.Distance(face.Detection.GetPixelKeypoint(FaceKeypoint.RightEye), new(irisImageLeft.X, irisImageLeft.Y)) < 0.3f * eyeDistance);
            Assert.True(Vector2.Distance(face.Detection.GetPixelKeypoint(FaceKeypoint.LeftEye), new(irisImageRight.X, irisImageRight.Y)) < 0.3f * eyeDistance);
            BoundingBox box = face.Detection.PixelBoundingBox;
            foreach (Vector3 p in face.ToPixelLandmarks())
            {
                Assert.InRange(p.X, box.XMin - box.Width * 0.5f, box.XMax + box.Width * 0.5f);
                Assert.InRange(p.Y, box.YMin - box.Height * 0.5f, box.YMax + box.Height * 0.5f);
            }
        }
    }

    [FixtureFact("astronaut.png")]
    public void Video_mode_keeps_tracking_a_still_image_without_redetecting()
    {
        using ImageBuffer image = Fixtures.Read("astronaut.png");
        using var landmarker = FaceLandmarker.Create(new FaceLandmarkerOptions { RunningMode = RunningMode.Video, Smoothing = true });
        var result = new FaceLandmarkerResult();
        Assert.True(landmarker.TryDetectForVideo(image.View, 0, result));
        Assert.NotNull(result.Faces[0].Detection);
        Vector3 first = result.Faces[0].GetPixelLandmark(1);
        for (int t = 1; t <= 3; t++)
        {
            Assert.True(landmarker.TryDetectForVideo(image.View, t * 33, result));
            Face face = Assert.Single(result.Faces);
            Assert.Null(face.Detection);
            Assert.True(Vector3.Distance(first, face.GetPixelLandmark(1)) < 5f);
        }
    }
}
