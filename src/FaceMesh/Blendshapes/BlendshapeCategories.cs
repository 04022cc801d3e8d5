namespace FaceMesh.Blendshapes;

/// <summary>MediaPipe's category names, indexed by <see cref="Blendshape"/>, and lookups by name that allocate nothing.</summary>
internal static class BlendshapeCategories
{
    public static readonly string[] Names =
    [
        "_neutral",
        "browDownLeft",
        "browDownRight",
        "browInnerUp",
        "browOuterUpLeft",
        "browOuterUpRight",
        "cheekPuff",
        "cheekSquintLeft",
        "cheekSquintRight",
        "eyeBlinkLeft",
        "eyeBlinkRight",
        "eyeLookDownLeft",
        "eyeLookDownRight",
        "eyeLookInLeft",
        "eyeLookInRight",
        "eyeLookOutLeft",
        "eyeLookOutRight",
        "eyeLookUpLeft",
        "eyeLookUpRight",
        "eyeSquintLeft",
        "eyeSquintRight",
        "eyeWideLeft",
        "eyeWideRight",
        "jawForward",
        "jawLeft",
        "jawOpen",
        "jawRight",
        "mouthClose",
        "mouthDimpleLeft",
        "mouthDimpleRight",
        "mouthFrownLeft",
        "mouthFrownRight",
        "mouthFunnel",
        "mouthLeft",
        "mouthLowerDownLeft",
        "mouthLowerDownRight",
        "mouthPressLeft",
        "mouthPressRight",
        "mouthPucker",
        "mouthRight",
        "mouthRollLower",
        "mouthRollUpper",
        "mouthShrugLower",
        "mouthShrugUpper",
        "mouthSmileLeft",
        "mouthSmileRight",
        "mouthStretchLeft",
        "mouthStretchRight",
        "mouthUpperUpLeft",
        "mouthUpperUpRight",
        "noseSneerLeft",
        "noseSneerRight",
    ];

    /// <summary>Index of a MediaPipe category name (<c>jawOpen</c>, exact case) or of an ARKit / Live Link name (<c>JawOpen</c>); -1 when unknown.</summary>
    public static int IndexOf(ReadOnlySpan<char> name)
    {
        for (int i = 0; i < Names.Length; i++)
        {
            string candidate = Names[i];
            if (name.Length != candidate.Length) continue;
            if (name.Equals(candidate, StringComparison.Ordinal)) return i;
            // ARKit / Live Link capitalise the first letter; the rest matches exactly.
            if (char.ToLowerInvariant(name[0]) == candidate[0] && name[1..].Equals(candidate.AsSpan(1), StringComparison.Ordinal)) return i;
        }
        return -1;
    }
}
