namespace FaceMesh.Blendshapes;

/// <summary>
/// The 52 face blendshape categories in MediaPipe FaceLandmarker's order (its
/// <c>face_blendshapes</c> indices): <see cref="Neutral"/> first, then ARKit's blendshapes
/// alphabetically, without ARKit's <c>tongueOut</c>. "Left" and "Right" are the subject's sides,
/// as in ARKit: <see cref="EyeBlinkLeft"/> closes the subject's left eye, which a camera image
/// shows on its right. <see cref="FaceBlendshapes.GetCategoryName"/> gives MediaPipe's name
/// (<c>jawOpen</c>); the enum names are ARKit / Live Link Face's capitalised names (<c>JawOpen</c>).
/// Not every category is estimated: see <see cref="FaceBlendshapes.IsEstimated"/>.
/// </summary>
public enum Blendshape
{
    /// <summary>MediaPipe's <c>_neutral</c>.</summary>
    Neutral = 0,
    /// <summary>MediaPipe's <c>browDownLeft</c>.</summary>
    BrowDownLeft = 1,
    /// <summary>MediaPipe's <c>browDownRight</c>.</summary>
    BrowDownRight = 2,
    /// <summary>MediaPipe's <c>browInnerUp</c>.</summary>
    BrowInnerUp = 3,
    /// <summary>MediaPipe's <c>browOuterUpLeft</c>.</summary>
    BrowOuterUpLeft = 4,
    /// <summary>MediaPipe's <c>browOuterUpRight</c>.</summary>
    BrowOuterUpRight = 5,
    /// <summary>MediaPipe's <c>cheekPuff</c>.</summary>
    CheekPuff = 6,
    /// <summary>MediaPipe's <c>cheekSquintLeft</c>.</summary>
    CheekSquintLeft = 7,
    /// <summary>MediaPipe's <c>cheekSquintRight</c>.</summary>
    CheekSquintRight = 8,
    /// <summary>MediaPipe's <c>eyeBlinkLeft</c>.</summary>
    EyeBlinkLeft = 9,
    /// <summary>MediaPipe's <c>eyeBlinkRight</c>.</summary>
    EyeBlinkRight = 10,
    /// <summary>MediaPipe's <c>eyeLookDownLeft</c>.</summary>
    EyeLookDownLeft = 11,
    /// <summary>MediaPipe's <c>eyeLookDownRight</c>.</summary>
    EyeLookDownRight = 12,
    /// <summary>MediaPipe's <c>eyeLookInLeft</c>.</summary>
    EyeLookInLeft = 13,
    /// <summary>MediaPipe's <c>eyeLookInRight</c>.</summary>
    EyeLookInRight = 14,
    /// <summary>MediaPipe's <c>eyeLookOutLeft</c>.</summary>
    EyeLookOutLeft = 15,
    /// <summary>MediaPipe's <c>eyeLookOutRight</c>.</summary>
    EyeLookOutRight = 16,
    /// <summary>MediaPipe's <c>eyeLookUpLeft</c>.</summary>
    EyeLookUpLeft = 17,
    /// <summary>MediaPipe's <c>eyeLookUpRight</c>.</summary>
    EyeLookUpRight = 18,
    /// <summary>MediaPipe's <c>eyeSquintLeft</c>.</summary>
    EyeSquintLeft = 19,
    /// <summary>MediaPipe's <c>eyeSquintRight</c>.</summary>
    EyeSquintRight = 20,
    /// <summary>MediaPipe's <c>eyeWideLeft</c>.</summary>
    EyeWideLeft = 21,
    /// <summary>MediaPipe's <c>eyeWideRight</c>.</summary>
    EyeWideRight = 22,
    /// <summary>MediaPipe's <c>jawForward</c>.</summary>
    JawForward = 23,
    /// <summary>MediaPipe's <c>jawLeft</c>.</summary>
    JawLeft = 24,
    /// <summary>MediaPipe's <c>jawOpen</c>.</summary>
    JawOpen = 25,
    /// <summary>MediaPipe's <c>jawRight</c>.</summary>
    JawRight = 26,
    /// <summary>MediaPipe's <c>mouthClose</c>.</summary>
    MouthClose = 27,
    /// <summary>MediaPipe's <c>mouthDimpleLeft</c>.</summary>
    MouthDimpleLeft = 28,
    /// <summary>MediaPipe's <c>mouthDimpleRight</c>.</summary>
    MouthDimpleRight = 29,
    /// <summary>MediaPipe's <c>mouthFrownLeft</c>.</summary>
    MouthFrownLeft = 30,
    /// <summary>MediaPipe's <c>mouthFrownRight</c>.</summary>
    MouthFrownRight = 31,
    /// <summary>MediaPipe's <c>mouthFunnel</c>.</summary>
    MouthFunnel = 32,
    /// <summary>MediaPipe's <c>mouthLeft</c>.</summary>
    MouthLeft = 33,
    /// <summary>MediaPipe's <c>mouthLowerDownLeft</c>.</summary>
    MouthLowerDownLeft = 34,
    /// <summary>MediaPipe's <c>mouthLowerDownRight</c>.</summary>
    MouthLowerDownRight = 35,
    /// <summary>MediaPipe's <c>mouthPressLeft</c>.</summary>
    MouthPressLeft = 36,
    /// <summary>MediaPipe's <c>mouthPressRight</c>.</summary>
    MouthPressRight = 37,
    /// <summary>MediaPipe's <c>mouthPucker</c>.</summary>
    MouthPucker = 38,
    /// <summary>MediaPipe's <c>mouthRight</c>.</summary>
    MouthRight = 39,
    /// <summary>MediaPipe's <c>mouthRollLower</c>.</summary>
    MouthRollLower = 40,
    /// <summary>MediaPipe's <c>mouthRollUpper</c>.</summary>
    MouthRollUpper = 41,
    /// <summary>MediaPipe's <c>mouthShrugLower</c>.</summary>
    MouthShrugLower = 42,
    /// <summary>MediaPipe's <c>mouthShrugUpper</c>.</summary>
    MouthShrugUpper = 43,
    /// <summary>MediaPipe's <c>mouthSmileLeft</c>.</summary>
    MouthSmileLeft = 44,
    /// <summary>MediaPipe's <c>mouthSmileRight</c>.</summary>
    MouthSmileRight = 45,
    /// <summary>MediaPipe's <c>mouthStretchLeft</c>.</summary>
    MouthStretchLeft = 46,
    /// <summary>MediaPipe's <c>mouthStretchRight</c>.</summary>
    MouthStretchRight = 47,
    /// <summary>MediaPipe's <c>mouthUpperUpLeft</c>.</summary>
    MouthUpperUpLeft = 48,
    /// <summary>MediaPipe's <c>mouthUpperUpRight</c>.</summary>
    MouthUpperUpRight = 49,
    /// <summary>MediaPipe's <c>noseSneerLeft</c>.</summary>
    NoseSneerLeft = 50,
    /// <summary>MediaPipe's <c>noseSneerRight</c>.</summary>
    NoseSneerRight = 51,
}
