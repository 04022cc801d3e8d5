using System.Diagnostics;
using FaceMesh.Imaging;

namespace FaceMesh.Cli.Bench;

/// <summary>Times the whole pipeline (image mode: detector + 478-point mesh) on one still image.</summary>
internal static class StillImageBenchmark
{
    public static Stats Run(ImageView image, int runs, int threads)
    {
        using FaceLandmarker landmarker = FaceLandmarker.Create(new FaceLandmarkerOptions { RefineLandmarks = true, ThreadCount = threads });
        var result = new FaceLandmarkerResult();
        for (int i = 0; i < 10; i++) landmarker.TryDetect(image, result);
        var samples = new double[runs];
        for (int i = 0; i < runs; i++)
        {
            long start = Stopwatch.GetTimestamp();
            landmarker.TryDetect(image, result);
            samples[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        return Stats.Of(samples);
    }
}
