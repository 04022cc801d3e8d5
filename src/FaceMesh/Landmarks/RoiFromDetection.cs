using FaceMesh.Detectors;

namespace FaceMesh.Landmarks;

/// <summary>
/// A detection's landmark-model ROI (roi.md section 1): 1.5x the longer side of the box, centred
/// on it, rotated so the eyes (keypoints 0 -> 1) are level.
/// </summary>
internal static class RoiFromDetection
{
    public static NormalizedRect Compute(in DetectionCandidate detection, int imageWidth, int imageHeight)
    {
        int start = (int)FaceKeypoint.RightEye, end = (int)FaceKeypoint.LeftEye;
        float rotation = RoiGeometry.RotationFromPoints(
            detection.Keypoints[2 * start], detection.Keypoints[2 * start + 1],
            detection.Keypoints[2 * end], detection.Keypoints[2 * end + 1],
            imageWidth, imageHeight);
        return RoiGeometry.SquareAroundBox(detection.Box, rotation, imageWidth, imageHeight);
    }
}
