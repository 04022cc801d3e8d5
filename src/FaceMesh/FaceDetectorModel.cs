namespace FaceMesh;

/// <summary>Which BlazeFace model finds faces.</summary>
public enum FaceDetectorModel
{
    /// <summary>128x128 input, faces within about 2 m of the camera; what MediaPipe Face Mesh uses.</summary>
    ShortRange = 0,

    /// <summary>192x192 input (the sparse full-range model), faces within about 5 m.</summary>
    FullRange = 1,
}
