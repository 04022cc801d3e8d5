using System.Diagnostics;
using FaceMesh.Blendshapes;
using FaceMesh.Geometry;
using FaceMesh.Imaging;

namespace FaceMesh.Cli.Bench;

/// <summary>
/// Times what <see cref="FaceLandmarkerOptions.OutputFaceBlendshapes"/> adds per face and frame on one
/// thread: the blendshape estimate from a face's geometry, and that plus the geometry itself (which
/// blendshapes need even when the pose is not wanted), on the photo's landmarks. Each sample times a
/// batch of calls, since one call is far below the timer's useful resolution.
/// </summary>
internal static class BlendshapeBenchmark
{
    public sealed record Result(Stats EstimateOnly, Stats WithGeometry, double AllocatedBytesPerFace);

    private const int CallsPerSample = 200;

    public static Result? Run(ImageView photo, int samples)
    {
        using FaceLandmarker landmarker = FaceLandmarker.Create(new FaceLandmarkerOptions { OutputFaceBlendshapes = true });
        FaceLandmarkerResult detected = landmarker.Detect(photo);
        if (detected.Faces.Count == 0) return null;
        Face face = detected.Faces[0];
        var geometryEstimator = new FaceGeometryEstimator();
        var estimator = new FaceBlendshapeEstimator { AdaptNeutral = true };
        var geometry = new FaceGeometry();
        var scores = new FaceBlendshapes();
        geometryEstimator.TryEstimate(face.LandmarkSpan, photo.Width, photo.Height, geometry);

        int width = photo.Width, height = photo.Height;
        // Delegates made before the allocation count starts: making one allocates.
        Action estimateOnly = () => estimator.TryEstimate(geometry, scores);
        Action withGeometry = () =>
        {
            geometryEstimator.TryEstimate(face.LandmarkSpan, width, height, geometry);
            estimator.TryEstimate(geometry, scores);
        };

        for (int i = 0; i < 2000; i++) withGeometry();
        Stats estimateTimes = Time(estimateOnly, samples);
        Stats withGeometryTimes = Time(withGeometry, samples);
        // Counted apart from the timing, whose sample arrays are the benchmark's, not the estimate's.
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < CallsPerSample; i++) withGeometry();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        return new Result(estimateTimes, withGeometryTimes, (double)allocated / CallsPerSample);
    }

    private static Stats Time(Action call, int samples)
    {
        var perCall = new double[samples];
        for (int s = 0; s < samples; s++)
        {
            long start = Stopwatch.GetTimestamp();
            for (int i = 0; i < CallsPerSample; i++) call();
            perCall[s] = Stopwatch.GetElapsedTime(start).TotalMilliseconds / CallsPerSample;
        }
        return Stats.Of(perCall);
    }
}
