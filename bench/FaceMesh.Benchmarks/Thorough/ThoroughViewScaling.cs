using System.Diagnostics;
using System.Globalization;
using FaceMesh.Detectors;
using FaceMesh.Imaging;
using FaceMesh.Inference;
using FaceMesh.Media;
using FaceMesh.Thorough;

namespace FaceMesh.Benchmarks.Thorough;

/// <summary>
/// The thorough mode's tiles and turned views (the bulk of its cost when <c>NumFaces</c> exceeds the
/// faces present) on one stage and on N one-thread workers, in alternating rounds, on a photo as given:
/// <c>dotnet run -c Release --project bench/FaceMesh.Benchmarks -- thorough-views PHOTO [rounds] [workers]</c>.
/// </summary>
internal static class ThoroughViewScaling
{
    public static void Run(string[] args)
    {
        int rounds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 9;
        int workers = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 2;
        using ImageBuffer photo = ImageFile.Read(args[1], PixelFormat.Rgb24);
        List<RotatedRect> views = DetectionTiles.TilesThenTurns(photo.Width, photo.Height, 1);

        using FaceDetectionStage stage = Stage();
        using var one = new DetectionViewRunner(stage, []);
        using var many = new DetectionViewRunner(stage, [.. Enumerable.Range(0, workers).Select(_ => Stage())]);
        var candidates = new List<DetectionCandidate>();
        double Time(DetectionViewRunner runner)
        {
            candidates.Clear();
            long start = Stopwatch.GetTimestamp();
            runner.Append(photo.View, views, Sampling.MediaPipeCpu, 0.65f, candidates);
            return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        Time(one);
        Time(many);
        var ratios = new List<double>();
        double bestOne = double.MaxValue, bestMany = double.MaxValue;
        for (int round = 0; round < rounds; round++)
        {
            // Alternate which goes first, so a drift of the host's speed does not favour one.
            double a, b;
            if (round % 2 == 0) (a, b) = (Time(one), Time(many));
            else (b, a) = (Time(many), Time(one));
            bestOne = Math.Min(bestOne, a);
            bestMany = Math.Min(bestMany, b);
            ratios.Add(a / b);
        }
        double median = ratios.Order().ElementAt(ratios.Count / 2);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Path.GetFileName(args[1])} {photo.Width}x{photo.Height}: {views.Count} views ({views.Count / 4} tiles, each turned 3 times); " +
            $"1 stage min {bestOne:F1} ms, {workers} workers min {bestMany:F1} ms; speed-up median of {rounds} paired rounds {median:F2} (of minima {bestOne / bestMany:F2})"));
    }

    private static FaceDetectionStage Stage() =>
        new(RuntimeModelLoader.Instance.Load(DetectorSpec.FullRange.Model, null, 1), DetectorSpec.FullRange);
}
