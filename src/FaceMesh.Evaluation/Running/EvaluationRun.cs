namespace FaceMesh.Evaluation;

/// <summary>
/// One column of the evaluation: a model (or pipeline configuration) under a protocol.
/// </summary>
/// <param name="Model">Name of the model or configuration, e.g. <c>mesh468</c>, <c>attention478</c>, <c>default</c>, <c>thorough</c>.</param>
/// <param name="Protocol">Where the crop comes from.</param>
/// <param name="CreatePredictor">Creates the predictor; called once per evaluation, disposed at its end.</param>
public sealed record EvaluationRun(string Model, EvaluationProtocol Protocol, Func<ILandmarkPredictor> CreatePredictor)
{
    /// <summary>Stable identifier: <c>model/protocol</c> (protocol in lower case).</summary>
    public string Key => $"{Model}/{ProtocolName(Protocol)}";

    public static string ProtocolName(EvaluationProtocol protocol) => protocol == EvaluationProtocol.Tracking ? "tracking" : "reacquisition";

    /// <summary>A run of <see cref="FaceLandmarker"/> with <paramref name="options"/> (see <see cref="FaceLandmarkerPredictor"/>).</summary>
    public static EvaluationRun ForLandmarker(string model, FaceLandmarkerOptions options, EvaluationProtocol protocol,
        int trackingFrames = FaceLandmarkerPredictor.DefaultTrackingFrames, Func<FaceLandmarkerOptions, FaceLandmarker>? factory = null) =>
        new(model, protocol, () => new FaceLandmarkerPredictor(options, protocol, trackingFrames, factory));
}
