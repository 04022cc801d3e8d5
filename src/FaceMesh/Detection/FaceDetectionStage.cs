using FaceMesh.Imaging;
using FaceMesh.Inference;

namespace FaceMesh.Detectors;

/// <summary>
/// Image -> detections in normalised image coordinates: letterbox crop, model, decode, weighted
/// NMS, projection. Owns its model and reuses every buffer across calls; not thread-safe.
/// </summary>
internal sealed class FaceDetectionStage : IDisposable
{
    private readonly IInferenceModel _model;
    private readonly DetectorSpec _spec;
    private readonly Anchor[] _anchors;
    private readonly WeightedNonMaxSuppression _nms = new(DetectorSpec.NmsIouThreshold);
    private readonly List<DetectionCandidate> _decoded = [];

    public FaceDetectionStage(IInferenceModel model, DetectorSpec spec)
    {
        _model = model;
        _spec = spec;
        _anchors = SsdAnchors.Generate(spec);
    }

    /// <summary>
    /// Clears <paramref name="output"/> and fills it with the faces found, best first, each in
    /// normalised image coordinates.
    /// </summary>
    public void Detect(ImageView image, Sampling sampling, float minScore, List<DetectionCandidate> output) =>
        Detect(image, sampling, minScore, output, CpuSamplerKind.OpenCvFixedPoint);

    /// <summary>As above, with a choice of CPU sampler arithmetic (for comparing against MediaPipe's goldens).</summary>
    internal void Detect(ImageView image, Sampling sampling, float minScore, List<DetectionCandidate> output, CpuSamplerKind cpuKind)
    {
        output.Clear();
        var letterbox = new LetterboxTransform(image.Width, image.Height, _spec.InputSize, _spec.InputSize);
        var target = new CropTarget(_spec.InputSize, _spec.InputSize, -1f, 1f, SamplingBorder.Zero);
        ImageToTensor.Crop(image, letterbox.Region, target, sampling, _model.Input, cpuKind);
        _model.Invoke();

        _decoded.Clear();
        DetectionDecoder.Decode(_model.Output(0), _model.Output(1), _anchors, _spec.CoordinateScale, minScore, _decoded);
        _nms.Run(_decoded, output);
        for (int i = 0; i < output.Count; i++)
        {
            DetectionCandidate c = output[i];
            letterbox.Project(ref c);
            output[i] = c;
        }
    }

    /// <summary>
    /// Runs the model on a square <paramref name="region"/> of the image (a tile, possibly turned)
    /// and appends every candidate above <paramref name="minScore"/>, before suppression, in
    /// normalised image coordinates, so candidates of several views can be suppressed together.
    /// Returns how many were appended.
    /// </summary>
    public int AppendCandidates(ImageView image, RotatedRect region, Sampling sampling, float minScore, List<DetectionCandidate> output)
    {
        var view = new LetterboxTransform(region, image.Width, image.Height);
        var target = new CropTarget(_spec.InputSize, _spec.InputSize, -1f, 1f, SamplingBorder.Zero);
        ImageToTensor.Crop(image, view.Region, target, sampling, _model.Input, CpuSamplerKind.OpenCvFixedPoint);
        _model.Invoke();

        int first = output.Count;
        DetectionDecoder.Decode(_model.Output(0), _model.Output(1), _anchors, _spec.CoordinateScale, minScore, output);
        for (int i = first; i < output.Count; i++)
        {
            DetectionCandidate c = output[i];
            view.Project(ref c);
            output[i] = c;
        }
        return output.Count - first;
    }

    public void Dispose() => _model.Dispose();
}
