using FaceMesh.Imaging;
using FaceMesh.Inference;

namespace FaceMesh.Landmarks;

/// <summary>
/// ROI -> face landmarks in normalised image coordinates: 192x192 replicate-border crop in
/// [0, 1], landmark model, decode (and refinement with the attention model), face flag,
/// projection. Owns its model; not thread-safe.
/// </summary>
internal sealed class LandmarkStage(IInferenceModel model, bool withAttention) : IDisposable
{
    private static readonly CropTarget Target = new(LandmarkModelSpec.InputSize, LandmarkModelSpec.InputSize, 0f, 1f, SamplingBorder.Replicate);

    /// <summary>468, or 478 with the attention model.</summary>
    public int LandmarkCount { get; } = withAttention ? LandmarkModelSpec.RefinedCount : LandmarkModelSpec.MeshCount;

    private NormalizedLandmark[]? _unmirrored;

    /// <summary>
    /// Runs the model on <paramref name="roi"/> and writes <see cref="LandmarkCount"/> projected
    /// points to <paramref name="output"/>; returns the face-flag probability. The caller decides
    /// from it whether the face is present.
    /// </summary>
    public float Run(ImageView image, in NormalizedRect roi, Sampling sampling, Span<NormalizedLandmark> output) =>
        Run(image, roi, sampling, output, mirrorTo: default);

    /// <summary>
    /// As <see cref="Run(ImageView, in NormalizedRect, Sampling, Span{NormalizedLandmark})"/> on the
    /// crop mirrored left to right; each point k is read from the model's point
    /// <paramref name="mirrorTo"/>[k] and mirrored back, so the result is the same face's landmarks
    /// seen from the other side. The irises (past the table) trade blocks, their ring points in the model's order.
    /// </summary>
    public float RunMirrored(ImageView image, in NormalizedRect roi, Sampling sampling, Span<NormalizedLandmark> output, ReadOnlySpan<int> mirrorTo) =>
        Run(image, roi, sampling, output, mirrorTo.IsEmpty ? throw new ArgumentException("Empty mirror table.", nameof(mirrorTo)) : mirrorTo);

    private float Run(ImageView image, in NormalizedRect roi, Sampling sampling, Span<NormalizedLandmark> output, ReadOnlySpan<int> mirrorTo)
    {
        ImageToTensor.Crop(image, roi.ToPixels(image.Width, image.Height), Target, sampling, model.Input);
        if (!mirrorTo.IsEmpty) MirrorRows(model.Input);
        model.Invoke();

        Span<NormalizedLandmark> points = output[..LandmarkCount];
        float logit;
        if (withAttention)
        {
            AttentionRefinement.Refine(
                model.Output(LandmarkModelSpec.AttentionMesh), model.Output(LandmarkModelSpec.AttentionLips),
                model.Output(LandmarkModelSpec.AttentionLeftEye), model.Output(LandmarkModelSpec.AttentionRightEye),
                model.Output(LandmarkModelSpec.AttentionLeftIris), model.Output(LandmarkModelSpec.AttentionRightIris),
                points);
            logit = model.Output(LandmarkModelSpec.AttentionFaceFlag)[0];
        }
        else
        {
            LandmarkTensorDecoder.DecodeXyz(model.Output(LandmarkModelSpec.MeshOutput), points);
            logit = model.Output(LandmarkModelSpec.FaceFlagOutput)[0];
        }

        if (!mirrorTo.IsEmpty) Unmirror(points, mirrorTo);
        LandmarkProjection.Project(points, roi);
        return FaceFlag.Probability(logit);
    }

    private static void MirrorRows(Span<float> tensor)
    {
        const int size = LandmarkModelSpec.InputSize;
        for (int y = 0; y < size; y++)
        {
            Span<float> row = tensor.Slice(y * size * 3, size * 3);
            for (int left = 0, right = size - 1; left < right; left++, right--)
                for (int c = 0; c < 3; c++) (row[3 * left + c], row[3 * right + c]) = (row[3 * right + c], row[3 * left + c]);
        }
    }

    private void Unmirror(Span<NormalizedLandmark> points, ReadOnlySpan<int> mirrorTo)
    {
        Span<NormalizedLandmark> mesh = points[..mirrorTo.Length];
        _unmirrored ??= new NormalizedLandmark[mirrorTo.Length];
        for (int k = 0; k < mesh.Length; k++)
        {
            NormalizedLandmark p = mesh[mirrorTo[k]];
            _unmirrored[k] = new NormalizedLandmark(1f - p.X, p.Y, p.Z);
        }
        _unmirrored.CopyTo(mesh);
        // The irises trade places (the first block is the image-left eye's); their rings stay in the model's order.
        Span<NormalizedLandmark> irises = points[mirrorTo.Length..];
        int half = irises.Length / 2;
        for (int k = 0; k < half; k++) (irises[k], irises[half + k]) = (irises[half + k], irises[k]);
        for (int k = 0; k < irises.Length; k++) irises[k] = irises[k] with { X = 1f - irises[k].X };
    }

    public void Dispose() => model.Dispose();
}
