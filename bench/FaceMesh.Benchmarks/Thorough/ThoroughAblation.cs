using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using FaceMesh.Evaluation;
using FaceMesh.Imaging;
using FaceMesh.Inference;
using FaceMesh.Media;
using FaceMesh.Thorough;

namespace FaceMesh.Benchmarks.Thorough;

/// <summary>
/// Measures each part of <see cref="FaceLandmarkerOptions.Thorough"/> on its own against the default
/// pipeline, side by side on the same annotated photos (300-W .pts) and face-free photos:
/// <c>dotnet run -c Release --project bench/FaceMesh.Benchmarks -- thorough DATASET FACE_FREE_DIR [variant ...]</c>.
/// Prints, per variant, the faces missed, the faces found on face-free photos, NME (core, eyes, lips,
/// all 68; mean and median over the faces every variant finds) and milliseconds per image.
/// </summary>
internal static class ThoroughAblation
{
    private static readonly Dictionary<string, ThoroughSettings?> Variants = new()
    {
        ["default"] = null,
        ["full"] = new(SecondDetector: true, TileLevels: 0, RotatedRetries: false, RefinementPasses: 0),
        ["tiles1"] = new(SecondDetector: false, TileLevels: 1, RotatedRetries: false, RefinementPasses: 0),
        ["tiles2"] = new(SecondDetector: false, TileLevels: 2, RotatedRetries: false, RefinementPasses: 0),
        ["turns"] = new(SecondDetector: false, TileLevels: 0, RotatedRetries: true, RefinementPasses: 0),
        ["refine1"] = new(SecondDetector: false, TileLevels: 0, RotatedRetries: false, RefinementPasses: 1),
        ["refine2"] = new(SecondDetector: false, TileLevels: 0, RotatedRetries: false, RefinementPasses: 2),
        ["refine3"] = new(SecondDetector: false, TileLevels: 0, RotatedRetries: false, RefinementPasses: 3),
        ["mirror"] = new(SecondDetector: false, TileLevels: 0, RotatedRetries: false, RefinementPasses: 0, ExtraViews: ThoroughSettings.Mirror),
        ["refine1-mirror"] = new(SecondDetector: false, TileLevels: 0, RotatedRetries: false, RefinementPasses: 1, ExtraViews: ThoroughSettings.Mirror),
        ["refine2-mirror"] = new(SecondDetector: false, TileLevels: 0, RotatedRetries: false, RefinementPasses: 2, ExtraViews: ThoroughSettings.Mirror),
        ["refine1-views3"] = new(SecondDetector: false, TileLevels: 0, RotatedRetries: false, RefinementPasses: 1, ExtraViews: ThoroughSettings.Scaled[..3]),
        ["refine1-views5"] = new(SecondDetector: false, TileLevels: 0, RotatedRetries: false, RefinementPasses: 1, ExtraViews: ThoroughSettings.Scaled),
        ["views3"] = new(SecondDetector: false, TileLevels: 0, RotatedRetries: false, RefinementPasses: 0, ExtraViews: ThoroughSettings.Scaled[..3]),
        ["refine1-turn5"] = RefinedWith(ThoroughSettings.Turned(5, mirroredToo: false)),
        ["refine1-turn5m"] = RefinedWith(ThoroughSettings.Turned(5, mirroredToo: true)),
        ["refine1-turn10m"] = RefinedWith(ThoroughSettings.Turned(10, mirroredToo: true)),
        ["refine1-turn5m-median"] = RefinedWith(ThoroughSettings.Turned(5, mirroredToo: true)) with { MedianOfViews = true },
        ["refine1-shift3"] = RefinedWith(ThoroughSettings.Shifted(0.03f)),
        ["refine1-shift3-median"] = RefinedWith(ThoroughSettings.Shifted(0.03f)) with { MedianOfViews = true },
        ["kept"] = ThoroughSettings.Kept,
        ["refine2-turn5m"] = RefinedWith(ThoroughSettings.Turned(5, mirroredToo: true)) with { RefinementPasses = 2 },
        ["refine1-turn8m"] = RefinedWith(ThoroughSettings.Turned(8, mirroredToo: true)),
        // Only mirrored crops, turned both ways (no unturned mirror), and for contrast turned crops unmirrored.
        ["refine1-mt5"] = RefinedWith(MirroredTurned(5)),
        ["refine1-mt8"] = RefinedWith(MirroredTurned(8)),
        ["refine1-mt10"] = RefinedWith(MirroredTurned(10)),
        ["refine1-mt12"] = RefinedWith(MirroredTurned(12)),
        ["refine1-mt15"] = RefinedWith(MirroredTurned(15)),
        ["refine0-mt8"] = RefinedWith(MirroredTurned(8)) with { RefinementPasses = 0 },
        ["refine1-t8"] = RefinedWith([new(1f, true), new(1f, false, 8), new(1f, false, -8)]),
        // The refined crop weighs 1/2 (it is also a view) or 1/5 (the mirrored ones count twice) instead of 1/3.
        ["refine1-mt10-d2"] = RefinedWith([new(1f, false), .. MirroredTurned(10)]),
        ["refine1-mt10-d5"] = RefinedWith([.. MirroredTurned(10), .. MirroredTurned(10)]),
        ["refine1-mt10-s95"] = RefinedWith([.. MirroredTurned(10), new(0.95f, true)]),
        // How far more views go: 21 of them (turned, scaled, shifted; each also mirrored).
        ["refine1-many"] = RefinedWith([new(1f, true), .. Both(new(1f, false, 3)), .. Both(new(1f, false, -3)), .. Both(new(1f, false, 6)), .. Both(new(1f, false, -6)),
            .. Both(new(0.95f, false)), .. Both(new(1.05f, false)), .. Both(new(1f, false, 0, 0.01f)), .. Both(new(1f, false, 0, -0.01f)), .. Both(new(1f, false, 0, 0, 0.01f)), .. Both(new(1f, false, 0, 0, -0.01f))]),
        ["kept-mt10"] = ThoroughSettings.Kept with { ExtraViews = MirroredTurned(10) },
        ["kept-turn5m"] = ThoroughSettings.Kept with { ExtraViews = ThoroughSettings.Turned(5, mirroredToo: true) },
    };

    private static CropView[] MirroredTurned(float degrees) => [new(1f, true, degrees), new(1f, true, -degrees)];

    private static CropView[] Both(CropView view) => [view, view with { Mirrored = true }];

    private static ThoroughSettings RefinedWith(CropView[] views) =>
        new(SecondDetector: false, TileLevels: 0, RotatedRetries: false, RefinementPasses: 1, ExtraViews: views);


    public static void Run(string[] args)
    {
        if (args.Length < 3)
        {
            Console.Error.WriteLine($"usage: thorough DATASET FACE_FREE_DIR [variant ...]; variants: {string.Join(' ', Variants.Keys)}");
            return;
        }
        string[] names = args.Length > 3 ? args[3..] : [.. Variants.Keys];
        AnnotatedDataset data = AnnotatedDataset.Load(args[1], AnnotationFormat.Pts);
        int numFaces = Math.Clamp(data.Images.Max(i => i.Faces.Count) + 4, 1, FaceLandmarkerOptions.NumFacesLimit);
        var timers = names.ToDictionary(n => n, _ => new List<double>());
        var disagreements = names.ToDictionary(n => n, _ => new List<float>());
        var runs = names.Select(name => new EvaluationRun(name, EvaluationProtocol.Reacquisition,
            () => new TimedPredictor(Create(name, numFaces, (extra, d) => { if (!extra && d > 0) disagreements[name].Add(d); }), timers[name]))).ToArray();

        LandmarkEvaluation evaluation = new LandmarkEvaluator().Evaluate(data, runs);
        Dictionary<string, int> falseFaces = CountFaceFree(args[2], names);

        Console.WriteLine($"{data.Images.Count} images, {data.FaceCount} faces; NME (% of inter-ocular distance) over faces every variant finds");
        Console.WriteLine("variant   missed  face-free  core mean/median  eyes mean/median  lips mean/median  all68 mean/median  ms/image (median)");
        foreach (RunSummary s in evaluation.Summaries)
        {
            string model = s.Model;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{model,-9} {s.DetectionFailures,6}  {falseFaces[model],9}  {Nme(s, "core")}  {Nme(s, "eyes")}  {Nme(s, "lips")}  {Nme(s, "all68")}   {timers[model].Average(),7:F1} ({Median(timers[model]):F1})   compared {s.Compared}"));
        }
        foreach ((string name, List<float> values) in disagreements.Where(d => d.Value.Count > 0))
        {
            float[] sorted = [.. values.Order()];
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name}: direct-vs-mirrored disagreement of {sorted.Length} real-photo faces: median {sorted[sorted.Length / 2]:F4}, 99 % {sorted[(int)(0.99 * (sorted.Length - 1))]:F4}, max {sorted[^1]:F4}"));
        }
    }

    // Suffixes: "+mesh" runs the variant with the plain mesh model instead of the default attention
    // model; "+gpu" with MediaPipe's WebGL sampling convention instead of its CPU one.
    /// <param name="disagreementObserved">Told of every refined face: whether it is an extra one, and its view disagreement.</param>
    internal static FaceLandmarker Create(string name, int numFaces, Action<bool, float>? disagreementObserved = null)
    {
        bool plainMesh = false, gpuSampling = false;
        while (true)
        {
            if (name.EndsWith("+mesh", StringComparison.Ordinal)) (plainMesh, name) = (true, name[..^5]);
            else if (name.EndsWith("+gpu", StringComparison.Ordinal)) (gpuSampling, name) = (true, name[..^4]);
            else break;
        }
        ThoroughSettings? settings = Variants[name] is { } variant
            ? variant with { ViewDisagreementObserved = disagreementObserved } : null;
        var options = new FaceLandmarkerOptions { NumFaces = numFaces, Thorough = settings is not null };
        if (plainMesh) options = options with { RefineLandmarks = false };
        if (gpuSampling) options = options with { Sampling = Sampling.MediaPipeGpu };
        return FaceLandmarker.Create(options, RuntimeModelLoader.Instance, settings);
    }

    private static Dictionary<string, int> CountFaceFree(string directory, string[] names)
    {
        var counts = names.ToDictionary(n => n, _ => 0);
        string[] files = [.. Directory.EnumerateFiles(directory).Where(f => f.EndsWith(".jpg", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".png", StringComparison.OrdinalIgnoreCase)).Order(StringComparer.Ordinal)];
        foreach (string name in names)
        {
            var seen = new List<float>();
            using FaceLandmarker landmarker = Create(name, 4, (_, d) => seen.Add(d));
            foreach (string file in files)
            {
                using ImageBuffer image = ImageFile.Read(file, PixelFormat.Rgb24);
                seen.Clear();
                int found = landmarker.Detect(image.View).Faces.Count;
                counts[name] += found;
                string refined = string.Join(' ', seen.Select(d => d.ToString("F4", CultureInfo.InvariantCulture)));
                if (found > 0 || seen.Count > 0) Console.Error.WriteLine($"{name}: {found} face(s) in face-free {Path.GetFileName(file)}; disagreement of refined candidates: {refined}");
            }
        }
        Console.Error.WriteLine($"{files.Length} face-free images");
        return counts;
    }

    private static string Nme(RunSummary s, string region)
    {
        Spread nme = s.Region(region).Nme;
        return string.Create(CultureInfo.InvariantCulture, $"{100 * nme.Mean,7:F3} / {100 * nme.Median,6:F3}");
    }

    private static double Median(List<double> values)
    {
        if (values.Count == 0) return double.NaN;
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }

    internal sealed class TimedPredictor(FaceLandmarker landmarker, List<double> milliseconds) : ILandmarkPredictor
    {
        private readonly FaceLandmarkerResult _result = new();

        public IReadOnlyList<Vector2[]> Predict(ImageView image)
        {
            long start = Stopwatch.GetTimestamp();
            landmarker.TryDetect(image, _result);
            milliseconds.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            return _result.Faces.Select(face => face.ToPixelLandmarks().Select(p => new Vector2(p.X, p.Y)).ToArray()).ToArray();
        }

        public void Dispose() => landmarker.Dispose();
    }
}
