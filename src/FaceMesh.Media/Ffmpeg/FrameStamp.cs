namespace FaceMesh.Media.Ffmpeg;

/// <summary>What ffmpeg's showinfo filter said about one output frame.</summary>
/// <param name="PtsSeconds">Presentation time in seconds, NaN when the frame had no pts.</param>
internal readonly record struct FrameStamp(double PtsSeconds, int Width, int Height);
