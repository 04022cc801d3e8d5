namespace FaceMesh.Media;

/// <summary>
/// Reading or writing an image or video failed: missing file, missing ffmpeg, unreadable or
/// corrupt media, or an encoder error. The message is one line meant for the end user; for
/// ffmpeg failures it carries ffmpeg's first error line.
/// </summary>
public class MediaException : Exception
{
    public MediaException() { }
    public MediaException(string message) : base(message) { }
    public MediaException(string message, Exception innerException) : base(message, innerException) { }
}
