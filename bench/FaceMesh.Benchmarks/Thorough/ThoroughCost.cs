using System.Diagnostics;
using FaceMesh.Imaging;
using FaceMesh.Inference;
using FaceMesh.Media;
using FaceMesh.Thorough;

namespace FaceMesh.Benchmarks.Thorough;

/// <summary>
/// Time of <see cref="FaceLandmarkerOptions.Thorough"/> relative to the default on one photo resized
/// to about 1.5 megapixels, in alternating rounds (so both see the same machine load):
/// <c>dotnet run -c Release --project bench/FaceMesh.Benchmarks -- thorough-cost PHOTO [rounds] [numFaces] [turn5m] [threads=N]</c>
/// (both landmarkers with <see cref="FaceLandmarkerOptions.ThreadCount"/> N, default 1).
/// </summary>
internal static class ThoroughCost
{
    public static void Run(string[] args)
    {
        int rounds = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 9;
        int numFaces = args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 4;
        using ImageBuffer original = ImageFile.Read(args[1], PixelFormat.Rgb24);
        double scale = Math.Sqrt(1.5e6 / (original.Width * (double)original.Height));
        using ImageBuffer photo = Resize(original, (int)(original.Width * scale), (int)(original.Height * scale));
        int threads = args.Skip(4).Where(a => a.StartsWith("threads=", StringComparison.Ordinal))
            .Select(a => int.Parse(a["threads=".Length..], System.Globalization.CultureInfo.InvariantCulture)).DefaultIfEmpty(1).First();
        using FaceLandmarker mediaPipe = FaceLandmarker.Create(new FaceLandmarkerOptions { NumFaces = numFaces, ThreadCount = threads });
        // A further argument "turn5m" measures the kept settings with the crop also turned by +-5 degrees.
        ThoroughSettings settings = args.Skip(4).Contains("turn5m")
            ? ThoroughSettings.Kept with { ExtraViews = ThoroughSettings.Turned(5, mirroredToo: true) }
            : ThoroughSettings.Kept;
        using FaceLandmarker thorough = FaceLandmarker.Create(new FaceLandmarkerOptions { NumFaces = numFaces, Thorough = true, ThreadCount = threads }, RuntimeModelLoader.Instance, settings);
        int defaultFaces = mediaPipe.Detect(photo.View).Faces.Count, thoroughFaces = thorough.Detect(photo.View).Faces.Count;
        foreach (Face face in thorough.Detect(photo.View).Faces)
            Console.WriteLine($"  thorough face: flag {face.FaceFlag:F3}, roi centre ({face.Roi.XCenter * photo.Width:F0}, {face.Roi.YCenter * photo.Height:F0}) size {face.Roi.Width * photo.Width:F0} px, detection score {face.Detection?.Score:F3}");
        var ratios = new List<double>();
        var defaults = new List<double>();
        var thoroughs = new List<double>();
        for (int round = 0; round < rounds; round++)
        {
            long t = Stopwatch.GetTimestamp();
            mediaPipe.Detect(photo.View);
            double a = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
            t = Stopwatch.GetTimestamp();
            thorough.Detect(photo.View);
            double b = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
            defaults.Add(a);
            thoroughs.Add(b);
            ratios.Add(b / a);
        }
        Console.WriteLine($"{Path.GetFileName(args[1])} at {photo.Width}x{photo.Height}: default {defaultFaces} face(s) median {Median(defaults):F1} ms (min {defaults.Min():F1}); " +
            $"thorough {thoroughFaces} face(s) median {Median(thoroughs):F1} ms (min {thoroughs.Min():F1}); ratio median {Median(ratios):F2}, of minima {thoroughs.Min() / defaults.Min():F2}");
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private static ImageBuffer Resize(ImageBuffer source, int width, int height)
    {
        var result = new ImageBuffer(width, height, PixelFormat.Rgb24);
        ImageView view = source.View;
        for (int y = 0; y < height; y++)
        {
            float sy = Math.Clamp((y + 0.5f) * source.Height / height - 0.5f, 0, source.Height - 1);
            int y0 = (int)sy, y1 = Math.Min(y0 + 1, source.Height - 1);
            float fy = sy - y0;
            Span<byte> row = result.Row(y);
            ReadOnlySpan<byte> r0 = view.Row(y0), r1 = view.Row(y1);
            for (int x = 0; x < width; x++)
            {
                float sx = Math.Clamp((x + 0.5f) * source.Width / width - 0.5f, 0, source.Width - 1);
                int x0 = (int)sx, x1 = Math.Min(x0 + 1, source.Width - 1);
                float fx = sx - x0;
                for (int c = 0; c < 3; c++)
                {
                    float top = r0[3 * x0 + c] + (r0[3 * x1 + c] - r0[3 * x0 + c]) * fx;
                    float bottom = r1[3 * x0 + c] + (r1[3 * x1 + c] - r1[3 * x0 + c]) * fx;
                    row[3 * x + c] = (byte)(top + (bottom - top) * fy + 0.5f);
                }
            }
        }
        return result;
    }
}
