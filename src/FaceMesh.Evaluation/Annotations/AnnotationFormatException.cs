namespace FaceMesh.Evaluation;

/// <summary>An annotation file that cannot be read as its format; the message names the file and, when known, the line.</summary>
public sealed class AnnotationFormatException : FormatException
{
    public AnnotationFormatException(string path, string message)
        : base($"{path}: {message}")
    {
        FilePath = path;
    }

    public AnnotationFormatException(string path, int line, string message)
        : base($"{path}:{line}: {message}")
    {
        FilePath = path;
    }

    public AnnotationFormatException()
    {
        FilePath = "";
    }

    public AnnotationFormatException(string message)
        : base(message)
    {
        FilePath = "";
    }

    public AnnotationFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
        FilePath = "";
    }

    /// <summary>The annotation file.</summary>
    public string FilePath { get; }
}
