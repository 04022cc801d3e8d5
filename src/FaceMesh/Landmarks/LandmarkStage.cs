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

    /// <summary>
    /// Runs the model on <paramref name="roi"/> and writes <see cref="LandmarkCount"/> projected
    /// points to <paramref name="output"/>; returns the face-flag probability. The caller decides
    /// from it whether the face is present.
    /// </summary>
    public float Run(ImageView image, in NormalizedRect roi, Sampling sampling, Span<NormalizedLandmark> output)
    {
        ImageToTensor.Crop(image, roi.ToPixels(image.Width, image.Height), Target, sampling, model.Input);
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

        LandmarkProjection.Project(points, roi);
        return FaceFlag.Probability(logit);
    }

    public void Dispose() => model.Dispose();
}
