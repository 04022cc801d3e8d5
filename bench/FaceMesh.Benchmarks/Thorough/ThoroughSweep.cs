using System.Diagnostics;
using FaceMesh.Imaging;
using FaceMesh.Inference;
using FaceMesh.Media;
using FaceMesh.Tests.Support;
using FaceMesh.Thorough;

namespace FaceMesh.Benchmarks.Thorough;

/// <summary>
/// Which face sizes and turns each detection variant finds on a synthetic group photo (fixture
/// faces of 20-80 px, upright and turned, on a 1536x1152 canvas), and its time:
/// <c>dotnet run -c Release --project bench/FaceMesh.Benchmarks -- thorough-sweep FIXTURES_DIR</c>.
/// </summary>
internal static class ThoroughSweep
{
    private static readonly int[] Sizes = [20, 26, 32, 40, 50, 64, 80];

    // Median of alternating rounds, so the machine's load affects each stage alike.
    private static void PrintStageCosts(ImageView image)
    {
        using var shortStage = new Detectors.FaceDetectionStage(RuntimeModelLoader.Instance.Load(Models.MediaPipeModel.FaceDetectionShortRange, null, 1), Detectors.DetectorSpec.ShortRange);
        using var fullStage = new Detectors.FaceDetectionStage(RuntimeModelLoader.Instance.Load(Models.MediaPipeModel.FaceDetectionFullRange, null, 1), Detectors.DetectorSpec.FullRange);
        using var landmarks = new Landmarks.LandmarkStage(RuntimeModelLoader.Instance.Load(Models.MediaPipeModel.FaceLandmarkWithAttention, null, 1), true);
        var points = new NormalizedLandmark[478];
        var candidates = new List<Detectors.DetectionCandidate>();
        RotatedRect whole = DetectionTiles.Whole(image.Width, image.Height);
        var times = new List<double>[3];
        for (int k = 0; k < 3; k++) times[k] = [];
        for (int round = 0; round < 12; round++)
        {
            long t = Stopwatch.GetTimestamp();
            shortStage.AppendCandidates(image, whole, Sampling.MediaPipeCpu, 0.5f, candidates);
            times[0].Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            t = Stopwatch.GetTimestamp();
            fullStage.AppendCandidates(image, whole, Sampling.MediaPipeCpu, 0.5f, candidates);
            times[1].Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            t = Stopwatch.GetTimestamp();
            landmarks.Run(image, new NormalizedRect(0.5f, 0.5f, 0.1f, 0.13f, 0f), Sampling.MediaPipeCpu, points);
            times[2].Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
        }
        string[] names = ["short-range view", "full-range view", "attention landmarks"];
        for (int k = 0; k < 3; k++)
            Console.WriteLine($"{names[k],-20} median {times[k].Order().ElementAt(6):F1} ms, min {times[k].Min():F1} ms");
    }

    public static void Run(string[] args)
    {
        string fixtures = args.Length > 1 ? args[1] : ".cache/fixtures";
        var cuts = new List<SyntheticGroupPhoto.FaceCut>();
        using (FaceLandmarker finder = FaceLandmarker.Create())
            foreach (string name in new[] { "grace_hopper.jpg", "man_portrait.jpg", "astronaut.png" })
            {
                using ImageBuffer portrait = ImageFile.Read(Path.Combine(fixtures, name), PixelFormat.Rgb24);
                Face face = finder.Detect(portrait.View).Faces[0];
                var points = face.ToPixelLandmarks();
                float xMin = points.Min(p => p.X), xMax = points.Max(p => p.X), yMin = points.Min(p => p.Y), yMax = points.Max(p => p.Y);
                cuts.Add(SyntheticGroupPhoto.Cut(portrait.View, (xMin + xMax) / 2, (yMin + yMax) / 2, Math.Max(xMax - xMin, yMax - yMin)));
            }
        var places = new List<(SyntheticGroupPhoto.FaceCut, PastedFace)>();
        for (int turn = 0; turn < 4; turn++)
            for (int s = 0; s < Sizes.Length; s++)
                places.Add((cuts[(turn + s) % cuts.Count], new PastedFace(110 + s * 210, 140 + turn * 280, Sizes[s], turn)));
        using ImageBuffer canvas = SyntheticGroupPhoto.Compose(1536, 1152, places);

        var variants = new (string Name, ThoroughSettings? Settings)[]
        {
            ("default", null),
            ("full", new(true, 0, false, 0)),
            ("tiles1-short", new(false, 1, false, 0)),
            ("tiles2-short", new(false, 2, false, 0)),
            ("tiles3-short", new(false, 3, false, 0)),
            ("tiles1-full", new(false, 1, false, 0, TileModel: FaceDetectorModel.FullRange)),
            ("tiles2-full", new(false, 2, false, 0, TileModel: FaceDetectorModel.FullRange)),
            ("tiles2-short-turns", new(false, 2, true, 0)),
            ("tiles2-full-turns", new(false, 2, true, 0, TileModel: FaceDetectorModel.FullRange)),
            ("tiles3-short-turns", new(false, 3, true, 0)),
            ("kept", ThoroughSettings.Kept),
        };
 PrintStageCosts(canvas.View);
        if (args.Length > 2 && args[2] == "costs") return;
        Console.WriteLine("sizes: " + string.Join(' ', Sizes) + "; rows: turns 0..3; # = found at the right place");
        foreach ((string name, ThoroughSettings? settings) in variants)
        {
            using FaceLandmarker landmarker = FaceLandmarker.Create(new FaceLandmarkerOptions { NumFaces = 40, Thorough = settings is not null }, RuntimeModelLoader.Instance, settings);
            landmarker.Detect(canvas.View);
            long start = Stopwatch.GetTimestamp();
            FaceLandmarkerResult result = landmarker.Detect(canvas.View);
            double ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            var centers = result.Faces.Select(f =>
            {
                var p = f.ToPixelLandmarks();
                return ((p.Min(q => q.X) + p.Max(q => q.X)) / 2, (p.Min(q => q.Y) + p.Max(q => q.Y)) / 2);
            }).ToList();
            int found = 0;
            var rows = new string[4];
            for (int i = 0; i < places.Count; i++)
            {
                PastedFace place = places[i].Item2;
                bool hit = centers.Any(c => MathF.Abs(c.Item1 - place.CenterX) < place.Size / 2 && MathF.Abs(c.Item2 - place.CenterY) < place.Size / 2);
                if (hit) found++;
                rows[place.QuarterTurns] += hit ? "#" : ".";
            }
            Console.WriteLine($"{name,-20} {string.Join(' ', rows)}  found {found}/{places.Count}, faces {result.Faces.Count}, {ms:F0} ms");
        }
    }
}
