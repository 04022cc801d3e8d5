namespace FaceMesh;

/// <summary>
/// One face-mesh point as MediaPipe reports it: <see cref="X"/> / image width, <see cref="Y"/> /
/// image height (0..1 inside the image, not clamped), <see cref="Z"/> = depth relative to the
/// head centre in units of the image width (smaller = closer to the camera).
/// </summary>
public readonly record struct NormalizedLandmark(float X, float Y, float Z);
