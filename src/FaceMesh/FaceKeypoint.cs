namespace FaceMesh;

/// <summary>
/// Index of a face-detector keypoint. "Right"/"left" are the subject's sides, so on an upright,
/// non-mirrored frontal face <see cref="RightEye"/> is the eye on the left of the image.
/// </summary>
public enum FaceKeypoint
{
    /// <summary>The subject's right eye (image left).</summary>
    RightEye = 0,
    /// <summary>The subject's left eye (image right).</summary>
    LeftEye = 1,
    /// <summary>The tip of the nose.</summary>
    NoseTip = 2,
    /// <summary>The centre of the mouth.</summary>
    MouthCenter = 3,
    /// <summary>The subject's right ear tragion.</summary>
    RightEarTragion = 4,
    /// <summary>The subject's left ear tragion.</summary>
    LeftEarTragion = 5,
}
