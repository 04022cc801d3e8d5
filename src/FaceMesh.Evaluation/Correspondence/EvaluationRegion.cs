namespace FaceMesh.Evaluation;

/// <summary>
/// A set of iBUG-68 points whose mean error is reported as one figure.
/// </summary>
/// <param name="Key">Stable identifier used in report.json and the CSV (e.g. <c>core</c>, <c>all68</c>).</param>
/// <param name="Title">Human-readable name for tables.</param>
/// <param name="Indices">0-based iBUG indices.</param>
/// <param name="Approximate">
/// The MediaPipe vertices chosen for these iBUG points are only approximate counterparts (brows, jaw,
/// and "all 68" which contains them): the figure measures the correspondence as much as the model.
/// </param>
public sealed record EvaluationRegion(string Key, string Title, IReadOnlyList<int> Indices, bool Approximate);
