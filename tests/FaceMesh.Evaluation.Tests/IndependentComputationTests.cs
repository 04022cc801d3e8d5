using System.Numerics;
using FaceMesh.Imaging;

namespace FaceMesh.Evaluation.Tests;

/// <summary>
/// The evaluator against a straightforward re-computation written here from the definitions alone
/// (no evaluator code), on the same predictions: many faces with errors from 0 to about 15 % IOD,
/// unmatched faces, and two faces in one image whose predictions come in the opposite order.
/// </summary>
public class IndependentComputationTests
{
    private const int FaceCount = 31;

    // Hard-coded from the specification, not from the evaluator: iBUG -> MediaPipe, and the regions.
    private static readonly int[] MediaPipeOf =
    [
        127, 234, 177, 215, 172, 136, 149, 148, 152, 377, 378, 365, 397, 435, 401, 454, 356, 70, 63, 105, 66, 107, 336, 296, 334, 293,
        300, 168, 197, 5, 4, 240, 97, 2, 326, 460, 33, 160, 158, 133, 153, 144, 362, 385, 387, 263, 373, 380, 61, 39, 37, 0, 267,
        269, 291, 321, 314, 17, 84, 91, 78, 82, 13, 312, 308, 317, 14, 87,
    ];

    private static readonly Dictionary<string, int[]> RegionPoints = new()
    {
        ["core"] = [36, 39, 42, 45, 30, 48, 54],
        ["eyes"] = [.. Enumerable.Range(36, 12)],
        ["lips"] = [.. Enumerable.Range(48, 20)],
        ["jaw"] = [.. Enumerable.Range(0, 17)],
        ["all68"] = [.. Enumerable.Range(0, 68)],
    };

    private sealed class ReplayPredictor(Dictionary<string, Vector2[][]> meshes) : ILandmarkPredictor
    {
        public IReadOnlyList<Vector2[]> Predict(ImageView image) => meshes[Current!];

        public static string? Current;

        public void Dispose() { }
    }

    [Fact]
    public void Every_figure_matches_a_direct_computation_on_the_same_predictions()
    {
        var random = new Random(1234);
        var images = new List<AnnotatedImage>();
        var predictions = new Dictionary<string, Vector2[][]>();
        var truth = new List<(Vector2[] Annotation, Vector2[]? Prediction)>();
        for (int k = 0; k < FaceCount; k++)
        {
            Vector2[] annotation = Face(random, center: new Vector2(200, 200), size: 80 + 40 * (float)random.NextDouble());
            bool detected = k % 10 != 3; // faces 3, 13, 23 are never found
            float noise = (float)(0.15 * random.NextDouble());
            Vector2[]? prediction = detected ? Perturb(random, annotation, noise) : null;
            string name = $"img{k:D2}.png";
            images.Add(new AnnotatedImage(name, name, [new AnnotatedFace("", annotation)]));
            predictions[name] = prediction is null ? [] : [ToMesh(prediction)];
            truth.Add((annotation, prediction));
        }
        // Two faces side by side, predicted right-to-left: matching must pair them by overlap, not order.
        Vector2[] left = Face(random, new Vector2(100, 200), 90), right = Face(random, new Vector2(400, 200), 90);
        Vector2[] leftPrediction = Perturb(random, left, 0.04f), rightPrediction = Perturb(random, right, 0.07f);
        images.Add(new AnnotatedImage("pair.png", "pair.png", [new AnnotatedFace("1", left), new AnnotatedFace("2", right)]));
        predictions["pair.png"] = [ToMesh(rightPrediction), ToMesh(leftPrediction)];
        truth.Add((left, leftPrediction));
        truth.Add((right, rightPrediction));

        var dataset = new AnnotatedDataset("/virtual", AnnotationFormat.Pts, images, []);
        var evaluator = new LandmarkEvaluator(new LandmarkEvaluatorOptions
        {
            ReadImage = path =>
            {
                ReplayPredictor.Current = path;
                return new ImageBuffer(4, 4, PixelFormat.Rgb24);
            },
        });
        LandmarkEvaluation result = evaluator.Evaluate(dataset,
            [new EvaluationRun("replay", EvaluationProtocol.Reacquisition, () => new ReplayPredictor(predictions))]);

        RunSummary summary = Assert.Single(result.Summaries);
        Assert.Equal(truth.Count, summary.Faces);
        Assert.Equal(truth.Count(t => t.Prediction is not null), summary.Matched);
        foreach ((string region, int[] points) in RegionPoints)
        {
            double[] errors = truth.Select(t => t.Prediction is null ? double.PositiveInfinity : DirectNme(t.Annotation, t.Prediction, points)).ToArray();
            double[] finite = errors.Where(double.IsFinite).Order().ToArray();
            RegionFigures figures = summary.Region(region);
            Assert.Equal(finite.Average(), figures.Nme.Mean, 9);
            Assert.Equal(finite.Length % 2 == 1 ? finite[finite.Length / 2] : (finite[finite.Length / 2 - 1] + finite[finite.Length / 2]) / 2, figures.Nme.Median, 9);
            if (region is "core" or "all68")
            {
                CurveFigures curve = summary.Curve(region);
                Assert.Equal(errors.Count(e => e > 0.08) / (double)errors.Length, curve.FailureRate8, 12);
                Assert.Equal(errors.Count(e => e > 0.10) / (double)errors.Length, curve.FailureRate10, 12);
                Assert.Equal(NumericAuc(errors, 0.08), curve.Auc8, 4);
                Assert.Equal(NumericAuc(errors, 0.10), curve.Auc10, 4);
            }
        }
        // The pair: each annotation got its own prediction.
        var pair = result.Faces.Where(f => f.Image == "pair.png").OrderBy(f => f.FaceId, StringComparer.Ordinal).ToArray();
        Assert.Equal(DirectNme(left, leftPrediction, RegionPoints["all68"]), pair[0].Error(result.RegionIndex("all68")), 9);
        Assert.Equal(DirectNme(right, rightPrediction, RegionPoints["all68"]), pair[1].Error(result.RegionIndex("all68")), 9);
    }

    private static double DirectNme(Vector2[] annotation, Vector2[] prediction, int[] points)
    {
        double rightX = ((double)annotation[36].X + annotation[39].X) / 2, rightY = ((double)annotation[36].Y + annotation[39].Y) / 2;
        double leftX = ((double)annotation[42].X + annotation[45].X) / 2, leftY = ((double)annotation[42].Y + annotation[45].Y) / 2;
        double iod = Math.Sqrt((rightX - leftX) * (rightX - leftX) + (rightY - leftY) * (rightY - leftY));
        double sum = 0;
        foreach (int i in points)
        {
            double dx = (double)prediction[i].X - annotation[i].X, dy = (double)prediction[i].Y - annotation[i].Y;
            sum += Math.Sqrt(dx * dx + dy * dy);
        }
        return sum / points.Length / iod;
    }

    /// <summary>Mean of the CED over a fine grid (midpoint rule): an independent route to the normalised area.</summary>
    private static double NumericAuc(double[] errors, double limit)
    {
        const int steps = 200_000;
        double total = 0;
        for (int s = 0; s < steps; s++)
        {
            double e = (s + 0.5) * limit / steps;
            total += errors.Count(x => x <= e) / (double)errors.Length;
        }
        return total / steps;
    }

    /// <summary>A rough 68-point face: points spread over a box with the eyes level.</summary>
    private static Vector2[] Face(Random random, Vector2 center, float size)
    {
        var points = new Vector2[68];
        for (int i = 0; i < 68; i++)
            points[i] = center + size * new Vector2((float)random.NextDouble() - 0.5f, (float)random.NextDouble() - 0.5f);
        points[36] = center + size * new Vector2(-0.35f, -0.15f);
        points[39] = center + size * new Vector2(-0.12f, -0.15f);
        points[42] = center + size * new Vector2(0.12f, -0.15f);
        points[45] = center + size * new Vector2(0.35f, -0.15f);
        return points;
    }

    private static Vector2[] Perturb(Random random, Vector2[] annotation, float scale)
    {
        float iod = Vector2.Distance((annotation[36] + annotation[39]) / 2, (annotation[42] + annotation[45]) / 2);
        return annotation.Select(p => p + scale * iod * new Vector2((float)random.NextDouble() - 0.5f, (float)random.NextDouble() - 0.5f) * 2).ToArray();
    }

    private static Vector2[] ToMesh(Vector2[] ibug)
    {
        var mesh = new Vector2[478];
        Array.Fill(mesh, ibug[30]);
        for (int i = 0; i < 68; i++) mesh[MediaPipeOf[i]] = ibug[i];
        return mesh;
    }
}
