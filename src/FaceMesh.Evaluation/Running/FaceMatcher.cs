using System.Numerics;

namespace FaceMesh.Evaluation;

/// <summary>
/// Pairs annotated faces with predicted ones by the overlap (intersection over union) of the boxes
/// around their 68 points, best pairs first, each face used at most once.
/// </summary>
public static class FaceMatcher
{
    /// <summary>Overlap a pair needs by default: well below what a fit of the right face gives (above 0.6), above what a neighbour's gives.</summary>
    public const double DefaultMinOverlap = 0.3;

    /// <returns>For each annotation, the index of its prediction and the overlap, or (-1, best overlap seen).</returns>
    public static (int Prediction, double Overlap)[] Match(IReadOnlyList<Vector2[]> annotations, IReadOnlyList<Vector2[]> predictions, double minOverlap)
    {
        var pairs = new List<(int A, int P, double Iou)>();
        for (int a = 0; a < annotations.Count; a++)
            for (int p = 0; p < predictions.Count; p++)
                pairs.Add((a, p, Overlap(annotations[a], predictions[p])));
        var result = new (int, double)[annotations.Count];
        for (int a = 0; a < result.Length; a++) result[a] = (-1, pairs.Where(x => x.A == a).Select(x => x.Iou).DefaultIfEmpty(0).Max());
        var usedPrediction = new bool[predictions.Count];
        var usedAnnotation = new bool[annotations.Count];
        foreach ((int a, int p, double iou) in pairs.OrderByDescending(x => x.Iou).ThenBy(x => x.A).ThenBy(x => x.P))
        {
            if (iou < minOverlap) break;
            if (usedAnnotation[a] || usedPrediction[p]) continue;
            usedAnnotation[a] = usedPrediction[p] = true;
            result[a] = (p, iou);
        }
        return result;
    }

    /// <summary>Intersection over union of the axis-aligned boxes around two point sets.</summary>
    public static double Overlap(ReadOnlySpan<Vector2> first, ReadOnlySpan<Vector2> second)
    {
        (Vector2 min1, Vector2 max1) = Bounds(first);
        (Vector2 min2, Vector2 max2) = Bounds(second);
        double iw = Math.Max(0, Math.Min(max1.X, max2.X) - Math.Max(min1.X, min2.X));
        double ih = Math.Max(0, Math.Min(max1.Y, max2.Y) - Math.Max(min1.Y, min2.Y));
        double intersection = iw * ih;
        double union = (double)(max1.X - min1.X) * (max1.Y - min1.Y) + (double)(max2.X - min2.X) * (max2.Y - min2.Y) - intersection;
        return union > 0 ? intersection / union : 0;
    }

    public static (Vector2 Min, Vector2 Max) Bounds(ReadOnlySpan<Vector2> points)
    {
        Vector2 min = new(float.MaxValue), max = new(float.MinValue);
        foreach (Vector2 p in points)
        {
            min = Vector2.Min(min, p);
            max = Vector2.Max(max, p);
        }
        return (min, max);
    }
}
