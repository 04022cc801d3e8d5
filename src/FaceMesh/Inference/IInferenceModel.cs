namespace FaceMesh.Inference;

/// <summary>
/// The slice of a TFLite interpreter the face pipeline needs: one float input tensor, float
/// outputs by position or by name, and a synchronous run. Keeps detection and landmark logic
/// testable with hand-made tensors and independent of the runtime's API.
/// </summary>
internal interface IInferenceModel : IDisposable
{
    /// <summary>The input tensor (NHWC float32), written before <see cref="Invoke"/>.</summary>
    Span<float> Input { get; }

    ReadOnlySpan<float> Output(int index);

    ReadOnlySpan<float> Output(string name);

    void Invoke();
}
