using System.Numerics;

namespace FaceMesh.Evaluation;

/// <summary>One annotated face under one run: its error per region, or a failure when no prediction matched it.</summary>
/// <param name="Run">The run's key (<c>model/protocol</c>).</param>
/// <param name="Image">The image's name in the dataset.</param>
/// <param name="FaceId">Which annotated face of the image.</param>
/// <param name="Group">Its group (<see cref="FaceGroups.Ungrouped"/> without a group file).</param>
/// <param name="Nme">Error per region of <see cref="LandmarkEvaluation.Regions"/> as a fraction of IOD; null when unmatched.</param>
/// <param name="Overlap">Box overlap with the matched prediction, or the best overlap any prediction had.</param>
/// <param name="Annotation">The 68 annotated points (pixels).</param>
/// <param name="Prediction">The matched prediction's 68 corresponding points, or null.</param>
public sealed record FaceEvaluation(string Run, string Image, string FaceId, string Group, double[]? Nme, double Overlap,
    Vector2[] Annotation, Vector2[]? Prediction)
{
    public bool Matched => Nme is not null;

    /// <summary>Error of region <paramref name="region"/>; +infinity for an unmatched face (a failure at every threshold).</summary>
    public double Error(int region) => Nme?[region] ?? double.PositiveInfinity;

    /// <summary>Identifies the face across runs.</summary>
    public (string Image, string FaceId) Identity => (Image, FaceId);
}
