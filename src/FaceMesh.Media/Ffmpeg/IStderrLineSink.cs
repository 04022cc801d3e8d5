namespace FaceMesh.Media.Ffmpeg;

/// <summary>Receives ffmpeg's stderr one line at a time (without the line terminator).</summary>
internal interface IStderrLineSink
{
    void OnLine(ReadOnlySpan<byte> line);

    /// <summary>Stderr reached its end (the child exited or closed it).</summary>
    void OnEnd();
}
