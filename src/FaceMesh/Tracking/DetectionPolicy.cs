namespace FaceMesh.Tracking;

/// <summary>When the detector runs (roi.md section 4 steps 1-3).</summary>
internal static class DetectionPolicy
{
    /// <summary>
    /// Image mode: always. Video mode: unless the previous frame already tracked at least
    /// <paramref name="maxFaces"/> faces.
    /// </summary>
    public static bool ShouldDetect(RunningMode mode, int trackedFaces, int maxFaces) =>
        mode == RunningMode.Image || trackedFaces < maxFaces;
}
