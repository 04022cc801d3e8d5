namespace FaceMesh.Evaluation;

/// <summary>Error statistics of one region.</summary>
public sealed record RegionFigures(EvaluationRegion Region, Spread Nme);

/// <summary>Figures of the cumulative error curve of one region, over every annotated face (unmatched ones as failures).</summary>
public sealed record CurveFigures(string RegionKey, double FailureRate8, double FailureRate10, double Auc8, double Auc10);

/// <summary>
/// One run's figures over a set of faces (the whole dataset, or one group).
/// </summary>
/// <param name="Run">Run key (<c>model/protocol</c>).</param>
/// <param name="Group">The group, or null for all faces.</param>
/// <param name="Faces">Annotated faces (the denominator of failure rates and the CED).</param>
/// <param name="Matched">Faces a prediction matched; the others are detection failures.</param>
/// <param name="Compared">Faces matched in every run: the mean and median NME are over these, so runs compare on the same faces.</param>
/// <param name="Regions">NME statistics per region over the compared faces.</param>
/// <param name="Curves">Failure rates and AUC for the 7-point core and all 68 points, over all annotated faces.</param>
public sealed record RunSummary(string Run, string Model, string Protocol, string? Group, int Faces, int Matched, int Compared,
    IReadOnlyList<RegionFigures> Regions, IReadOnlyList<CurveFigures> Curves)
{
    public int DetectionFailures => Faces - Matched;

    public RegionFigures Region(string key) => Regions.First(r => r.Region.Key == key);

    public CurveFigures Curve(string key) => Curves.First(c => c.RegionKey == key);
}

/// <summary>The model card's fairness figure: best and worst group by mean NME of one region, and their difference.</summary>
public sealed record GroupDiscrepancy(string Run, string RegionKey, string BestGroup, double BestMean, string WorstGroup, double WorstMean)
{
    public double Difference => WorstMean - BestMean;
}
