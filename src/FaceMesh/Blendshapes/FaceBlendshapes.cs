namespace FaceMesh.Blendshapes;

/// <summary>
/// One face's expression as the 52 blendshape scores of MediaPipe FaceLandmarker (ARKit's names,
/// MediaPipe's order: see <see cref="Blendshape"/>), each in [0, 1]. "Left" / "Right" are the
/// subject's sides (ARKit's convention). Categories this library does not estimate read 0
/// (<see cref="IsEstimated"/>); the README defines each estimated one.
/// </summary>
/// <remarks>
/// Reusable storage of a fixed size: <see cref="FaceBlendshapeEstimator.TryEstimate(Geometry.FaceGeometry, FaceBlendshapes)"/> and a reused
/// <see cref="FaceLandmarkerResult"/> overwrite it in place, and no member allocates.
/// </remarks>
public sealed class FaceBlendshapes
{
    /// <summary>Number of categories (MediaPipe's 52: <c>_neutral</c> and 51 of ARKit's 52, all but <c>tongueOut</c>).</summary>
    public const int Count = 52;

    private static readonly Blendshape[] EstimatedShapes = BlendshapeRules.EstimatedShapes();
    private static readonly bool[] EstimatedFlags = BuildEstimatedFlags();

    private readonly float[] _scores = new float[Count];

    /// <summary>All scores 0.</summary>
    public FaceBlendshapes()
    {
    }

    /// <summary>Score of <paramref name="shape"/>, 0..1.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a defined <see cref="Blendshape"/>.</exception>
    public float this[Blendshape shape] => _scores[CheckedIndex(shape)];

    /// <summary>Score of category <paramref name="index"/> (MediaPipe's index, 0..51).</summary>
    public float this[int index] => _scores[index];

    /// <summary>Score of a category by name: MediaPipe's (<c>jawOpen</c>) or ARKit / Live Link's (<c>JawOpen</c>).</summary>
    /// <exception cref="KeyNotFoundException">No such category.</exception>
    public float this[string categoryName] =>
        TryGetScore(categoryName, out float score) ? score : throw new KeyNotFoundException($"No blendshape is called '{categoryName}'.");

    /// <summary>The 52 scores, indexed by <see cref="Blendshape"/>.</summary>
    public ReadOnlySpan<float> Scores => _scores;

    /// <summary>Looks a score up by MediaPipe's or ARKit's category name; false when the name is unknown.</summary>
    public bool TryGetScore(ReadOnlySpan<char> categoryName, out float score)
    {
        int index = BlendshapeCategories.IndexOf(categoryName);
        score = index >= 0 ? _scores[index] : 0f;
        return index >= 0;
    }

    /// <summary>Sets one score, clamped to [0, 1] (NaN reads as 0).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a defined <see cref="Blendshape"/>.</exception>
    public void Set(Blendshape shape, float score) => _scores[CheckedIndex(shape)] = Clamp01(score);

    /// <summary>Sets every score to 0.</summary>
    public void Clear() => Array.Clear(_scores);

    /// <summary>Copies every score into <paramref name="destination"/>.</summary>
    public void CopyTo(FaceBlendshapes destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        _scores.CopyTo(destination._scores, 0);
    }

    /// <summary>MediaPipe's category name: <c>_neutral</c>, <c>browDownLeft</c>, … (the enum name with a lower-case first letter).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a defined <see cref="Blendshape"/>.</exception>
    public static string GetCategoryName(Blendshape shape) => BlendshapeCategories.Names[CheckedIndex(shape)];

    /// <summary>The category of a MediaPipe or ARKit name; false when the name is unknown.</summary>
    public static bool TryParseCategoryName(ReadOnlySpan<char> categoryName, out Blendshape shape)
    {
        int index = BlendshapeCategories.IndexOf(categoryName);
        shape = index >= 0 ? (Blendshape)index : Blendshape.Neutral;
        return index >= 0;
    }

    /// <summary>
    /// Whether this library estimates <paramref name="shape"/>; the others always read 0
    /// (mouthDimple, mouthPress, mouthRoll and mouthShrug).
    /// </summary>
    public static bool IsEstimated(Blendshape shape) => EstimatedFlags[CheckedIndex(shape)];

    /// <summary>The categories <see cref="IsEstimated"/> is true for, in MediaPipe's order.</summary>
    public static ReadOnlySpan<Blendshape> EstimatedBlendshapes => EstimatedShapes;

    internal Span<float> WritableScores => _scores;

    internal static float Clamp01(float value) => value > 0f ? (value < 1f ? value : 1f) : 0f;

    private static int CheckedIndex(Blendshape shape)
    {
        int index = (int)shape;
        if ((uint)index >= Count) throw new ArgumentOutOfRangeException(nameof(shape), shape, "Not a blendshape category.");
        return index;
    }

    private static bool[] BuildEstimatedFlags()
    {
        var flags = new bool[Count];
        foreach (Blendshape shape in EstimatedShapes) flags[(int)shape] = true;
        return flags;
    }
}
