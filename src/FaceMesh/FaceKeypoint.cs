namespace FaceMesh;

/// <summary>
/// Index of a face-detector keypoint. "Right"/"left" are the subject's sides, so on an upright,
/// non-mirrored frontal face <see cref="RightEye"/> is the eye on the left of the image.
/// </summary>
public enum FaceKeypoint
{
    RightEye = 0,
    LeftEye = 1,
    NoseTip = 2,
    MouthCenter = 3,
    RightEarTragion = 4,
    LeftEarTragion = 5,
}
