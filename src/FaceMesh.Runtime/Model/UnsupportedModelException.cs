namespace FaceMesh.Runtime.Model;

/// <summary>
/// The model is well formed but uses an operator, option or data type this runtime does not
/// implement. Raised at load time, never during inference; the message names the operator.
/// </summary>
public sealed class UnsupportedModelException : Exception
{
    /// <inheritdoc />
    public UnsupportedModelException(string message) : base(message) { }
    /// <inheritdoc />
    public UnsupportedModelException(string message, Exception inner) : base(message, inner) { }
    /// <inheritdoc />
    public UnsupportedModelException() { }
}
