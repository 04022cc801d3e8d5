namespace FaceMesh.Evaluation;

/// <summary>One run (with or without smoothing) of <see cref="JitterEvaluation"/>.</summary>
/// <param name="JitterPercentIod">Mean frame-to-frame landmark movement left after removing the known motion, % of IOD (NaN if no two consecutive frames had a face).</param>
/// <param name="ErrorPercentIod">Mean distance to the first frame's landmarks moved by the known motion, % of IOD, over the frames after the first (NaN if none had a face).</param>
/// <param name="FramesWithFace">Frames in which the face was found.</param>
public sealed record JitterRunResult(double JitterPercentIod, double ErrorPercentIod, int FramesWithFace);
