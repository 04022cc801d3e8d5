namespace FaceMesh.Geometry;

/// <summary>
/// One landmark of the Procrustes basis: the pose is fitted to these landmarks only, each counted
/// with its weight (MediaPipe's <c>WeightedLandmarkRef</c>).
/// </summary>
public readonly record struct ProcrustesLandmark(int LandmarkId, float Weight);
