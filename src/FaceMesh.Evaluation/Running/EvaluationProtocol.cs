namespace FaceMesh.Evaluation;

/// <summary>Where the landmark model's crop comes from, as the Attention Mesh model card's two evaluation modes.</summary>
public enum EvaluationProtocol
{
    /// <summary>The crop comes from the face detector (a face seen for the first time): image mode.</summary>
    Reacquisition,

    /// <summary>
    /// The crop comes from the previous frame's landmarks: the pipeline runs in video mode on the same
    /// image for several frames and the last frame is measured (the model card's "tracking mode").
    /// </summary>
    Tracking,
}
