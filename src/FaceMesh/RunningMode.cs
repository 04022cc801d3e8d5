namespace FaceMesh;

/// <summary>How <see cref="FaceLandmarker"/> treats consecutive calls (MediaPipe's running mode).</summary>
public enum RunningMode
{
    /// <summary>Independent images: the detector runs on every call (<see cref="FaceLandmarker.Detect"/>).</summary>
    Image = 0,

    /// <summary>
    /// Frames of one video with increasing timestamps (<see cref="FaceLandmarker.DetectForVideo"/>):
    /// faces are tracked from the previous frame's landmarks and the detector only runs while fewer
    /// than <see cref="FaceLandmarkerOptions.NumFaces"/> faces are tracked.
    /// </summary>
    Video = 1,
}
