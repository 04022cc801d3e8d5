namespace FaceMesh.Runtime.Model;

/// <summary>
/// The bytes given as a TFLite model are not a well-formed model: a table, vector, offset,
/// index or shape is out of range or inconsistent. The message names what is wrong and where.
/// </summary>
public sealed class ModelFormatException : Exception
{
    /// <inheritdoc />
    public ModelFormatException(string message) : base(message) { }
    /// <inheritdoc />
    public ModelFormatException(string message, Exception inner) : base(message, inner) { }
    /// <inheritdoc />
    public ModelFormatException() { }
}
