namespace FaceMesh.Imaging;

/// <summary>
/// How image pixels are resampled into model input tensors. MediaPipe ships two implementations
/// that differ by up to half a pixel, and the landmark model is sensitive enough to that
/// difference (about 1.5 % of the inter-ocular distance) that results only match the MediaPipe
/// build whose sampler is reproduced.
/// </summary>
public enum Sampling
{
    /// <summary>
    /// MediaPipe C++ / Python (OpenCV <c>warpPerspective</c>): pixel <c>k</c> is centred at
    /// coordinate <c>k</c>, output pixel <c>i</c> samples <c>i/T</c> of the region (no half-pixel
    /// offset), bilinear with 1/32-pixel coordinates, rounded to 8 bits before scaling.
    /// </summary>
    MediaPipeCpu = 0,

    /// <summary>
    /// MediaPipe JavaScript / WebGL (<c>@mediapipe/face_mesh</c>, <c>@mediapipe/face_detection</c>):
    /// half-pixel centres, float bilinear (no rounding), texture-edge clamping; outside the image a
    /// zero-border crop is cut hard to zero.
    /// </summary>
    MediaPipeGpu = 1,
}
