namespace FaceMesh.Evaluation;

/// <summary>Everything an evaluation measured: per-face results, summaries per run and per group, and what was skipped.</summary>
public sealed class LandmarkEvaluation
{
    public required string DatasetRoot { get; init; }
    public required AnnotationFormat Format { get; init; }
    public required IReadOnlyList<EvaluationRegion> Regions { get; init; }
    public required IReadOnlyList<EvaluationRun> Runs { get; init; }

    /// <summary>Every annotated face under every run, in dataset order, runs interleaved per image.</summary>
    public required IReadOnlyList<FaceEvaluation> Faces { get; init; }

    /// <summary>Unusable annotation files and unreadable images, with the reason.</summary>
    public required IReadOnlyList<SkippedInput> Skipped { get; init; }

    /// <summary>One summary per run over all faces, in run order.</summary>
    public required IReadOnlyList<RunSummary> Summaries { get; init; }

    /// <summary>Per run, per group (empty without groups).</summary>
    public required IReadOnlyList<RunSummary> GroupSummaries { get; init; }

    /// <summary>Per run and region, the best-worst group difference of mean NME (empty with fewer than two groups).</summary>
    public required IReadOnlyList<GroupDiscrepancy> Discrepancies { get; init; }

    public required double MinOverlap { get; init; }

    /// <summary>Region indices whose curve figures are reported (core and all 68).</summary>
    public static readonly string[] CurveRegions = ["core", "all68"];

    public int RegionIndex(string key) => Regions.Select((r, i) => (r, i)).First(x => x.r.Key == key).i;
}
