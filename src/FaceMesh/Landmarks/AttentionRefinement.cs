using System.Collections.Immutable;

namespace FaceMesh.Landmarks;

/// <summary>
/// Merges the attention model's lips, eye and iris predictions into its 468-point mesh, giving
/// 478 points (landmarks.md section 4): sub-model x/y overwrite the mesh points they map to (mesh z
/// kept); the 5 points of each iris become 468..472 / 473..477 with z = mean mesh z of that
/// eye's 16 contour points. "Left"/"right" are image sides.
/// </summary>
internal static class AttentionRefinement
{
    public const int LipsCount = 80;
    public const int EyeCount = 71;
    public const int IrisCount = 5;
    public const int LeftIrisFirst = 468;
    public const int RightIrisFirst = 473;
    /// <summary>The eye tables start with the lower contour and the upper contour without corners.</summary>
    public const int EyeContourCount = 16;

    public static ReadOnlySpan<int> Lips => LipsTable.AsSpan();

    // Immutable arrays: the span properties allocate nothing in any build configuration.
    private static readonly ImmutableArray<int> LipsTable =
    [
        61, 146, 91, 181, 84, 17, 314, 405, 321, 375, 291,
        185, 40, 39, 37, 0, 267, 269, 270, 409,
        78, 95, 88, 178, 87, 14, 317, 402, 318, 324, 308,
        191, 80, 81, 82, 13, 312, 311, 310, 415,
        76, 77, 90, 180, 85, 16, 315, 404, 320, 307, 306,
        184, 74, 73, 72, 11, 302, 303, 304, 408,
        62, 96, 89, 179, 86, 15, 316, 403, 319, 325, 292,
        183, 42, 41, 38, 12, 268, 271, 272, 407,
    ];

    public static ReadOnlySpan<int> LeftEye => LeftEyeTable.AsSpan();

    // Immutable arrays: the span properties allocate nothing in any build configuration.
    private static readonly ImmutableArray<int> LeftEyeTable =
    [
        33, 7, 163, 144, 145, 153, 154, 155, 133,
        246, 161, 160, 159, 158, 157, 173,
        130, 25, 110, 24, 23, 22, 26, 112, 243,
        247, 30, 29, 27, 28, 56, 190,
        226, 31, 228, 229, 230, 231, 232, 233, 244,
        113, 225, 224, 223, 222, 221, 189,
        35, 124, 46, 53, 52, 65,
        143, 111, 117, 118, 119, 120, 121, 128, 245,
        156, 70, 63, 105, 66, 107, 55, 193,
    ];

    public static ReadOnlySpan<int> RightEye => RightEyeTable.AsSpan();

    // Immutable arrays: the span properties allocate nothing in any build configuration.
    private static readonly ImmutableArray<int> RightEyeTable =
    [
        263, 249, 390, 373, 374, 380, 381, 382, 362,
        466, 388, 387, 386, 385, 384, 398,
        359, 255, 339, 254, 253, 252, 256, 341, 463,
        467, 260, 259, 257, 258, 286, 414,
        446, 261, 448, 449, 450, 451, 452, 453, 464,
        342, 445, 444, 443, 442, 441, 413,
        265, 353, 276, 283, 282, 295,
        372, 340, 346, 347, 348, 349, 350, 357, 465,
        383, 300, 293, 334, 296, 336, 285, 417,
    ];

    /// <summary>
    /// Writes 478 crop-normalised points into <paramref name="output"/> from the raw tensors
    /// (crop pixels; mesh as x, y, z triplets, the others as x, y pairs).
    /// </summary>
    public static void Refine(
        ReadOnlySpan<float> mesh, ReadOnlySpan<float> lips,
        ReadOnlySpan<float> leftEye, ReadOnlySpan<float> rightEye,
        ReadOnlySpan<float> leftIris, ReadOnlySpan<float> rightIris,
        Span<NormalizedLandmark> output)
    {
        if (output.Length < LandmarkModelSpec.RefinedCount)
            throw new ArgumentException($"Refined landmarks need {LandmarkModelSpec.RefinedCount} slots, got {output.Length}.", nameof(output));
        output = output[..LandmarkModelSpec.RefinedCount];
        output.Clear();
        LandmarkTensorDecoder.DecodeXyz(mesh, output[..LandmarkModelSpec.MeshCount]);
        OverwriteXy(lips, Lips, output);
        OverwriteXy(leftEye, LeftEye, output);
        OverwriteXy(rightEye, RightEye, output);
        PlaceIris(leftIris, LeftIrisFirst, LeftEye[..EyeContourCount], output);
        PlaceIris(rightIris, RightIrisFirst, RightEye[..EyeContourCount], output);
    }

    private static void OverwriteXy(ReadOnlySpan<float> raw, ReadOnlySpan<int> targets, Span<NormalizedLandmark> output)
    {
        const float s = LandmarkModelSpec.InputSize;
        if (raw.Length < targets.Length * 2)
            throw new ArgumentException($"Attention tensor has {raw.Length} values; {targets.Length} points need {targets.Length * 2}.", nameof(raw));
        for (int j = 0; j < targets.Length; j++)
        {
            ref NormalizedLandmark p = ref output[targets[j]];
            p = p with { X = raw[2 * j] / s, Y = raw[2 * j + 1] / s };
        }
    }

    private static void PlaceIris(ReadOnlySpan<float> raw, int first, ReadOnlySpan<int> contour, Span<NormalizedLandmark> output)
    {
        double zSum = 0;
        foreach (int index in contour) zSum += output[index].Z;
        float z = (float)(zSum / contour.Length);

        const float s = LandmarkModelSpec.InputSize;
        if (raw.Length < IrisCount * 2)
            throw new ArgumentException($"Iris tensor has {raw.Length} values; needs {IrisCount * 2}.", nameof(raw));
        for (int j = 0; j < IrisCount; j++)
            output[first + j] = new NormalizedLandmark(raw[2 * j] / s, raw[2 * j + 1] / s, z);
    }
}
