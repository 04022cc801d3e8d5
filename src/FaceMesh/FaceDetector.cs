using FaceMesh.Detectors;
using FaceMesh.Imaging;
using FaceMesh.Inference;

namespace FaceMesh;

/// <summary>
/// MediaPipe's BlazeFace face detector on its own: boxes and six keypoints per face, best first.
/// </summary>
/// <remarks>
/// Not thread-safe (it reuses buffers between calls): create one per thread. Dispose it to release
/// the model; calls after disposal throw <see cref="ObjectDisposedException"/>, and disposing while
/// another thread is inside <see cref="Detect"/> waits for it to return.
/// </remarks>
public sealed class FaceDetector : IDisposable
{
    private readonly FaceDetectorOptions _options;
    private readonly FaceDetectionStage _stage;
    private readonly List<DetectionCandidate> _candidates = [];
    private readonly CallGate _gate = new();

    private FaceDetector(FaceDetectorOptions options, IModelLoader loader)
    {
        _options = options;
        DetectorSpec spec = DetectorSpec.For(options.Model);
        _stage = new FaceDetectionStage(loader.Load(spec.Model, options.ModelPath, options.ThreadCount), spec);
    }

    /// <summary>Loads the detector model (embedded unless <see cref="FaceDetectorOptions.ModelPath"/> is set).</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static FaceDetector Create(FaceDetectorOptions? options = null) => Create(options, RuntimeModelLoader.Instance);

    internal static FaceDetector Create(FaceDetectorOptions? options, IModelLoader loader)
    {
        options ??= new FaceDetectorOptions();
        options.Validate();
        return new FaceDetector(options, loader);
    }

    /// <summary>The options the detector was created with.</summary>
    public FaceDetectorOptions Options => _options;

    /// <summary>The faces in <paramref name="image"/>, highest score first (empty if none).</summary>
    public IReadOnlyList<Detection> Detect(ImageView image)
    {
        RunStage(image);
        var detections = new Detection[_candidates.Count];
        for (int i = 0; i < detections.Length; i++) detections[i] = Detection.From(_candidates[i], image.Width, image.Height);
        return detections;
    }

    /// <summary>
    /// Like <see cref="Detect"/>, overwriting a caller-owned result (allocation-free once it has held
    /// as many faces); returns whether any face was found.
    /// </summary>
    public bool TryDetect(ImageView image, FaceDetectorResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        RunStage(image);
        result.Reset(image.Width, image.Height);
        foreach (DetectionCandidate candidate in _candidates) result.AddDetection().Set(candidate, image.Width, image.Height);
        return result.Detections.Count > 0;
    }

    private void RunStage(ImageView image)
    {
        if (image.Pixels.IsEmpty) throw new ArgumentException("The image view is empty (default).", nameof(image));
        _gate.Enter(this);
        try
        {
            _stage.Detect(image, _options.Sampling, _options.MinDetectionConfidence, _candidates);
        }
        finally
        {
            _gate.Exit();
        }
    }

    /// <summary>Releases the model's buffers; later calls throw <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        // Waits for a call running on another thread rather than freeing its buffers under it.
        if (!_gate.Close()) return;
        _stage.Dispose();
    }
}
