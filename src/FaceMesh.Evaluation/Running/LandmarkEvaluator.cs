using System.Numerics;
using FaceMesh.Imaging;
using FaceMesh.Media;

namespace FaceMesh.Evaluation;

/// <summary>Settings of <see cref="LandmarkEvaluator"/> beyond the runs themselves.</summary>
public sealed record LandmarkEvaluatorOptions
{
    public Ibug68Correspondence Correspondence { get; init; } = Ibug68Correspondence.Default;

    /// <summary>Box overlap an annotation and a prediction need to be paired.</summary>
    public double MinOverlap { get; init; } = FaceMatcher.DefaultMinOverlap;

    /// <summary>Groups for the fairness table, or null.</summary>
    public FaceGroups? Groups { get; init; }

    /// <summary>Reads an image as RGB24 (default: <see cref="ImageFile.Read"/> through ffmpeg).</summary>
    public Func<string, ImageBuffer> ReadImage { get; init; } = path => ImageFile.Read(path, PixelFormat.Rgb24);
}

/// <summary>
/// Measures runs (models x protocols, or any <see cref="ILandmarkPredictor"/>) on the same annotated faces:
/// each image is decoded once and given to every run, predictions are paired with annotations by box overlap,
/// and errors are normalised by the annotation's inter-ocular distance.
/// </summary>
public sealed class LandmarkEvaluator(LandmarkEvaluatorOptions? options = null)
{
    private readonly LandmarkEvaluatorOptions _options = options ?? new LandmarkEvaluatorOptions();

    /// <param name="progress">Receives the number of images done.</param>
    public LandmarkEvaluation Evaluate(AnnotatedDataset dataset, IReadOnlyList<EvaluationRun> runs, IProgress<int>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(runs);
        if (runs.Count == 0) throw new ArgumentException("Nothing to evaluate: no runs.", nameof(runs));
        if (runs.Select(r => r.Key).Distinct().Count() != runs.Count) throw new ArgumentException("Two runs have the same model and protocol.", nameof(runs));
        IReadOnlyList<EvaluationRegion> regions = _options.Correspondence.Regions;
        var skipped = new List<SkippedInput>(dataset.Skipped);
        var faces = new List<FaceEvaluation>();
        var predictors = new List<ILandmarkPredictor>();
        try
        {
            foreach (EvaluationRun run in runs) predictors.Add(run.CreatePredictor());
            int done = 0;
            foreach (AnnotatedImage image in dataset.Images)
            {
                cancellationToken.ThrowIfCancellationRequested();
                ImageBuffer? pixels = TryRead(image, skipped);
                if (pixels is not null)
                {
                    using (pixels)
                        for (int r = 0; r < runs.Count; r++)
                            faces.AddRange(Measure(image, runs[r].Key, predictors[r].Predict(pixels.View), regions));
                }
                progress?.Report(++done);
            }
        }
        finally
        {
            foreach (ILandmarkPredictor predictor in predictors) predictor.Dispose();
        }

        var summaries = runs.Select(run => Summarise(run, null, faces, regions, runs.Count)).ToArray();
        var groupSummaries = new List<RunSummary>();
        var discrepancies = new List<GroupDiscrepancy>();
        if (_options.Groups is not null)
        {
            string[] groups = faces.Select(f => f.Group).Distinct().Order(StringComparer.Ordinal).ToArray();
            foreach (EvaluationRun run in runs)
            {
                var perGroup = groups.Select(g => Summarise(run, g, faces, regions, runs.Count)).ToArray();
                groupSummaries.AddRange(perGroup);
                var real = perGroup.Where(s => s.Group != FaceGroups.Ungrouped && s.Compared > 0).ToArray();
                if (real.Length < 2) continue;
                foreach (EvaluationRegion region in regions)
                {
                    RunSummary best = real.MinBy(s => s.Region(region.Key).Nme.Mean)!;
                    RunSummary worst = real.MaxBy(s => s.Region(region.Key).Nme.Mean)!;
                    discrepancies.Add(new GroupDiscrepancy(run.Key, region.Key, best.Group!, best.Region(region.Key).Nme.Mean,
                        worst.Group!, worst.Region(region.Key).Nme.Mean));
                }
            }
        }

        return new LandmarkEvaluation
        {
            DatasetRoot = dataset.Root,
            Format = dataset.Format,
            Regions = regions,
            Runs = runs,
            Faces = faces,
            Skipped = skipped,
            Summaries = summaries,
            GroupSummaries = groupSummaries,
            Discrepancies = discrepancies,
            MinOverlap = _options.MinOverlap,
        };
    }

    private ImageBuffer? TryRead(AnnotatedImage image, List<SkippedInput> skipped)
    {
        try
        {
            return _options.ReadImage(image.Path);
        }
        catch (Exception ex) when (ex is MediaException or IOException or UnauthorizedAccessException or FormatException or ArgumentException)
        {
            skipped.Add(new SkippedInput(image.Path, $"unreadable image, its {image.Faces.Count} annotated face(s) left out: {ex.Message.ReplaceLineEndings(" ")}"));
            return null;
        }
    }

    private IEnumerable<FaceEvaluation> Measure(AnnotatedImage image, string run, IReadOnlyList<Vector2[]> meshes, IReadOnlyList<EvaluationRegion> regions)
    {
        Vector2[][] predictions = meshes.Select(m => _options.Correspondence.ToIbug68(m)).ToArray();
        Vector2[][] annotations = image.Faces.Select(f => f.Points).ToArray();
        var matches = FaceMatcher.Match(annotations, predictions, _options.MinOverlap);
        string group = _options.Groups?.GroupOf(image.Name) ?? FaceGroups.Ungrouped;
        for (int a = 0; a < annotations.Length; a++)
        {
            (int p, double overlap) = matches[a];
            Vector2[]? prediction = p >= 0 ? predictions[p] : null;
            double[]? nme = prediction is null ? null : LandmarkError.RegionNme(prediction, annotations[a], regions);
            yield return new FaceEvaluation(run, image.Name, image.Faces[a].Id, group, nme, overlap, annotations[a], prediction);
        }
    }

    private static RunSummary Summarise(EvaluationRun run, string? group, List<FaceEvaluation> all, IReadOnlyList<EvaluationRegion> regions, int runCount)
    {
        // Faces matched in every run: the mean and median compare runs on the same faces.
        var matchedEverywhere = all.Where(f => f.Matched).GroupBy(f => f.Identity).Where(g => g.Count() == runCount)
            .Select(g => g.Key).ToHashSet();
        var mine = all.Where(f => f.Run == run.Key && (group is null || f.Group == group)).ToArray();
        var compared = mine.Where(f => matchedEverywhere.Contains(f.Identity)).ToArray();
        var regionFigures = regions.Select((region, r) => new RegionFigures(region, Spread.Of(compared.Select(f => f.Error(r))))).ToArray();
        var curves = LandmarkEvaluation.CurveRegions.Select(key =>
        {
            int r = regions.Select((x, i) => (x, i)).First(x => x.x.Key == key).i;
            double[] errors = mine.Select(f => f.Error(r)).ToArray();
            return new CurveFigures(key, ErrorCurve.FailureRate(errors, 0.08), ErrorCurve.FailureRate(errors, 0.10),
                ErrorCurve.Auc(errors, 0.08), ErrorCurve.Auc(errors, 0.10));
        }).ToArray();
        return new RunSummary(run.Key, run.Model, EvaluationRun.ProtocolName(run.Protocol), group, mine.Length, mine.Count(f => f.Matched),
            compared.Length, regionFigures, curves);
    }
}
