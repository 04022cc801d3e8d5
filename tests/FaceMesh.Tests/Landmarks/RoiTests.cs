using FaceMesh.Detectors;
using FaceMesh.Landmarks;

namespace FaceMesh.Tests.Landmarks;

public class RoiTests
{
    private static DetectionCandidate Detection(BoundingBox box, (float X, float Y) rightEye, (float X, float Y) leftEye)
    {
        var d = new DetectionCandidate { Score = 1, Box = box };
        (d.Keypoints[0], d.Keypoints[1]) = rightEye;
        (d.Keypoints[2], d.Keypoints[3]) = leftEye;
        return d;
    }

    [Fact]
    public void Level_eyes_give_zero_rotation_and_a_square_of_one_and_a_half_long_sides()
    {
        // 640x480 image, box 0.2 x 0.4 normalised = 128 x 192 px: long side 192 px -> 288 px square.
        var d = Detection(new BoundingBox(0.1f, 0.2f, 0.2f, 0.4f), (0.15f, 0.3f), (0.25f, 0.3f));
        NormalizedRect roi = RoiFromDetection.Compute(d, 640, 480);
        Assert.Equal(0f, roi.Rotation);
        Assert.Equal(0.2f, roi.XCenter, 1e-6f);
        Assert.Equal(0.4f, roi.YCenter, 1e-6f);
        Assert.Equal(288f / 640, roi.Width, 1e-6f);
        Assert.Equal(288f / 480, roi.Height, 1e-6f);
    }

    [Fact]
    public void Eye_line_descending_to_the_right_gives_a_positive_angle()
    {
        // Left eye (subject's) 10 px right and 10 px lower than the right eye: +45 degrees.
        var d = Detection(new BoundingBox(0, 0, 0.5f, 0.5f), (0.1f, 0.1f), (0.2f, 0.2f));
        Assert.Equal(MathF.PI / 4, RoiFromDetection.Compute(d, 100, 100).Rotation, 1e-6f);
        var up = Detection(new BoundingBox(0, 0, 0.5f, 0.5f), (0.1f, 0.2f), (0.2f, 0.1f));
        Assert.Equal(-MathF.PI / 4, RoiFromDetection.Compute(up, 100, 100).Rotation, 1e-6f);
    }

    [Fact]
    public void Upside_down_face_normalises_to_minus_pi()
    {
        var d = Detection(new BoundingBox(0, 0, 0.5f, 0.5f), (0.2f, 0.1f), (0.1f, 0.1f));
        Assert.Equal(-MathF.PI, RoiFromDetection.Compute(d, 100, 100).Rotation, 1e-6f);
    }

    [Fact]
    public void Roi_from_landmarks_uses_the_bounding_box_and_eye_corners_33_and_263()
    {
        var points = new NormalizedLandmark[468];
        for (int k = 0; k < points.Length; k++) points[k] = new NormalizedLandmark(0.5f, 0.5f, 0);
        points[0] = new NormalizedLandmark(0.3f, 0.2f, 0);
        points[1] = new NormalizedLandmark(0.6f, 0.8f, 0);
        points[33] = new NormalizedLandmark(0.4f, 0.5f, 0);
        points[263] = new NormalizedLandmark(0.5f, 0.6f, 0);
        NormalizedRect roi = RoiFromLandmarks.Compute(points, 200, 100);
        Assert.Equal(0.45f, roi.XCenter, 1e-6f);
        Assert.Equal(0.5f, roi.YCenter, 1e-6f);
        // Box 60 x 60 px -> 90 px square.
        Assert.Equal(90f / 200, roi.Width, 1e-6f);
        Assert.Equal(90f / 100, roi.Height, 1e-6f);
        // 20 px right, 10 px down.
        Assert.Equal(MathF.Atan2(10, 20), roi.Rotation, 1e-6f);
    }
}
