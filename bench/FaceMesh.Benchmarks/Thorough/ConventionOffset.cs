using System.Globalization;
using System.Numerics;
using FaceMesh.Evaluation;

namespace FaceMesh.Benchmarks.Thorough;

/// <summary>
/// How much of the NME is the constant offset between MediaPipe's vertices and the 300-W annotators'
/// convention for the same points, which no better fit of the mesh can remove:
/// <c>dotnet run -c Release --project bench/FaceMesh.Benchmarks -- thorough-offset TRAIN_DIR TEST_DIR [variant ...]</c>.
/// Each face's error vectors are turned into its eye-line frame and divided by its inter-ocular
/// distance; the mean per point over TRAIN_DIR's faces (the default pipeline's) is the offset. On
/// TEST_DIR, the same faces for every variant, it prints the NME as measured and with that offset
/// taken off every prediction: the part of the error a variant can change, and how much it does.
/// It also takes off each variant's own mean offset (learned on TRAIN_DIR from that variant's
/// predictions), leaving only the scatter around it: a variant that merely shifts its points
/// towards the annotators' convention gains as measured but not there.
/// </summary>
internal static class ConventionOffset
{
    public static void Run(string[] args)
    {
        if (args.Length < 3)
        {
            Console.Error.WriteLine("usage: thorough-offset TRAIN_DIR TEST_DIR [variant ...] (default first; e.g. default kept refine1-turn5m)");
            return;
        }
        string[] names = args.Length > 3 ? ["default", .. args[3..].Where(n => n != "default")] : ["default", "kept"];
        Ibug68Correspondence correspondence = Ibug68Correspondence.Default;
        Dictionary<string, Vector2[][]> train = FrameErrors(args[1], names);
        Dictionary<string, Vector2[][]> test = FrameErrors(args[2], names);
        Vector2[] offset = MeanPerPoint(train["default"]);
        Console.WriteLine($"offset from {train["default"].Length} faces of {args[1]}; {test["default"].Length} faces of {args[2]} found by every variant");
        Dictionary<string, Vector2[]> ownOffsets = names.ToDictionary(name => name, name => MeanPerPoint(train[name]));
        Console.WriteLine("variant            region  NME as measured  mean |offset|  NME less the offset   change vs default: measured, less the offset; less its own offset (change)");
        foreach (string region in new[] { "core", "all68" })
        {
            IReadOnlyList<int> points = correspondence.Regions.First(r => r.Key == region).Indices;
            double measuredDefault = Nme(test["default"], points, null), correctedDefault = Nme(test["default"], points, offset);
            double ownDefault = Nme(test["default"], points, ownOffsets["default"]);
            foreach (string name in names)
            {
                double measured = Nme(test[name], points, null), corrected = Nme(test[name], points, offset);
                double own = Nme(test[name], points, ownOffsets[name]);
                double offsetSize = points.Average(i => offset[i].Length()) * 100;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{name,-18} {region,-6}  {measured,15:F3}  {offsetSize,13:F3}  {corrected,19:F3}   {Change(measured, measuredDefault),8}, {Change(corrected, correctedDefault)}; {own,7:F3} ({Change(own, ownDefault)})"));
            }
        }
    }

    private static string Change(double value, double reference) =>
        string.Create(CultureInfo.InvariantCulture, $"{100 * (value / reference - 1),+6:F1} %");

    /// <summary>Per variant, per face found by every variant (same order), the 68 error vectors in the eye-line frame over the inter-ocular distance.</summary>
    private static Dictionary<string, Vector2[][]> FrameErrors(string directory, string[] names)
    {
        AnnotatedDataset data = AnnotatedDataset.Load(directory, AnnotationFormat.Pts);
        int numFaces = Math.Clamp(data.Images.Max(i => i.Faces.Count) + 4, 1, FaceLandmarkerOptions.NumFacesLimit);
        var runs = names.Select(name => new EvaluationRun(name, EvaluationProtocol.Reacquisition,
            () => new ThoroughAblation.TimedPredictor(ThoroughAblation.Create(name, numFaces), []))).ToArray();
        LandmarkEvaluation evaluation = new LandmarkEvaluator().Evaluate(data, runs);
        var byFace = evaluation.Faces.Where(f => f.Matched).GroupBy(f => f.Identity)
            .Where(g => g.Count() == names.Length).OrderBy(g => g.Key.Image, StringComparer.Ordinal).ThenBy(g => g.Key.FaceId, StringComparer.Ordinal).ToArray();
        return names.ToDictionary(name => name, name => byFace.Select(g => InEyeFrame(g.First(f => f.Run.StartsWith(name + "/", StringComparison.Ordinal) || f.Run == name))).ToArray());
    }

    private static Vector2[] InEyeFrame(FaceEvaluation face)
    {
        Vector2[] a = face.Annotation, p = face.Prediction!;
        Vector2 right = (a[Ibug68Correspondence.RightEyeOuter] + a[Ibug68Correspondence.RightEyeInner]) / 2;
        Vector2 left = (a[Ibug68Correspondence.LeftEyeInner] + a[Ibug68Correspondence.LeftEyeOuter]) / 2;
        Vector2 axis = left - right;
        float iod = axis.Length();
        Vector2 along = axis / iod, across = new(-along.Y, along.X);
        var errors = new Vector2[a.Length];
        for (int i = 0; i < a.Length; i++)
        {
            Vector2 e = p[i] - a[i];
            errors[i] = new Vector2(Vector2.Dot(e, along), Vector2.Dot(e, across)) / iod;
        }
        return errors;
    }

    private static Vector2[] MeanPerPoint(Vector2[][] faces)
    {
        var mean = new Vector2[faces[0].Length];
        foreach (Vector2[] face in faces)
            for (int i = 0; i < mean.Length; i++) mean[i] += face[i] / faces.Length;
        return mean;
    }

    private static double Nme(Vector2[][] faces, IReadOnlyList<int> points, Vector2[]? offset) =>
        100 * faces.Average(face => points.Average(i => (face[i] - (offset?[i] ?? Vector2.Zero)).Length()));
}
