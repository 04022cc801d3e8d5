namespace FaceMesh.Evaluation;

/// <summary>How ground-truth points are stored beside the images.</summary>
public enum AnnotationFormat
{
    /// <summary>
    /// iBUG / 300-W 68-point <c>.pts</c>: <c>X.pts</c> for <c>X.jpg</c>, or <c>X_1.pts</c>, <c>X_2.pts</c>, ... for
    /// several faces in <c>X.jpg</c>. Coordinates are 1-based with (1, 1) at the centre of the first pixel.
    /// </summary>
    Pts,

    /// <summary>
    /// <c>X.json</c> for <c>X.jpg</c>: <c>{"faces": [{"landmarks": [[x, y(, z)], ...]}]}</c> with 468 or 478 points in
    /// MediaPipe's topology, in pixels with the origin at the top-left pixel corner (the object
    /// <c>facemesh detect</c> writes for one image).
    /// </summary>
    MediaPipeJson,
}
