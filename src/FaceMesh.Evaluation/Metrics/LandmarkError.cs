using System.Numerics;

namespace FaceMesh.Evaluation;

/// <summary>2-D landmark error normalised by the inter-ocular distance (300-W's NME), on iBUG-68 points.</summary>
public static class LandmarkError
{
    /// <summary>
    /// Distance between the eye centres of an iBUG-68 shape, each centre the midpoint of that eye's two
    /// corners (36/39 and 42/45). Always taken from the annotation, never from the prediction.
    /// </summary>
    public static double InterOcularDistance(ReadOnlySpan<Vector2> ibug68)
    {
        Vector2 rightOuter = ibug68[Ibug68Correspondence.RightEyeOuter], rightInner = ibug68[Ibug68Correspondence.RightEyeInner];
        Vector2 leftInner = ibug68[Ibug68Correspondence.LeftEyeInner], leftOuter = ibug68[Ibug68Correspondence.LeftEyeOuter];
        double dx = ((double)rightOuter.X + rightInner.X - leftInner.X - leftOuter.X) / 2;
        double dy = ((double)rightOuter.Y + rightInner.Y - leftInner.Y - leftOuter.Y) / 2;
        return Math.Sqrt(dx * dx + dy * dy);
    }

    /// <summary>Distance in double precision: the error of a good fit is a small difference of large coordinates.</summary>
    public static double Distance(Vector2 a, Vector2 b)
    {
        double dx = (double)a.X - b.X, dy = (double)a.Y - b.Y;
        return Math.Sqrt(dx * dx + dy * dy);
    }

    /// <summary>
    /// Mean point-to-point distance over each region's points divided by the annotation's
    /// inter-ocular distance, as a fraction (0.05 = 5 % IOD), one value per region.
    /// </summary>
    /// <exception cref="ArgumentException">The annotation's eye centres coincide (IOD 0).</exception>
    public static double[] RegionNme(ReadOnlySpan<Vector2> predicted, ReadOnlySpan<Vector2> annotated, IReadOnlyList<EvaluationRegion> regions)
    {
        double iod = InterOcularDistance(annotated);
        if (!(iod > 0)) throw new ArgumentException("The annotation's eye centres coincide: no inter-ocular distance to normalise by.", nameof(annotated));
        var result = new double[regions.Count];
        for (int r = 0; r < regions.Count; r++)
        {
            double sum = 0;
            foreach (int i in regions[r].Indices) sum += Distance(predicted[i], annotated[i]);
            result[r] = sum / regions[r].Indices.Count / iod;
        }
        return result;
    }
}
