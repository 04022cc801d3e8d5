using System.Diagnostics;
using System.Numerics;
using FaceMesh.Cli.Rendering;
using FaceMesh.Effects;
using FaceMesh.Imaging;
using FaceMesh.Media;

namespace FaceMesh.Cli.Bench;

/// <summary>
/// Times drawing the default mesh on one 1280x720 video frame kept as 4:2:0 planes, one thread, both
/// ways `facemesh video` has done it: straight on the planes (<see cref="Yuv420MeshPainter"/>), and
/// the earlier way, converting the rectangle around the face to RGB, drawing there and writing the
/// changes back. The photo's landmarks are scaled to a face as large as Megamind's in the 720p clip
/// of scripts/throughput.sh. The two take turns, so both see the same phases of a shared host.
/// </summary>
internal static class DrawingBenchmark
{
    public sealed record Result(Stats OnPlanes, Stats ThroughRgbRegion, int Width, int Height);

    private const int Width = 1280, Height = 720;
    private const float FaceScale = 1.3f;
    private const int Margin = 16;

    public static Result? Run(ImageView photo, int samples)
    {
        using FaceLandmarker landmarker = FaceLandmarker.Create(new FaceLandmarkerOptions());
        FaceLandmarkerResult detected = landmarker.Detect(photo);
        if (detected.Faces.Count == 0) return null;
        Face face = detected.Faces[0];
        var points = new Vector3[face.LandmarkSpan.Length];
        face.CopyPixelLandmarksTo(points);
        var offset = new Vector3(Width / 2f - photo.Width * FaceScale / 2f, Height / 2f - photo.Height * FaceScale / 2f, 0);
        for (int i = 0; i < points.Length; i++) points[i] = points[i] * FaceScale + offset;
        MeshStyle style = new MeshStyle().Scaled(2f);

        byte[] pristine = new byte[Yuv420.FrameBytes(Width, Height)];
        for (int i = 0; i < pristine.Length; i++) pristine[i] = (byte)(64 + (i * 7 % 131));
        byte[] planes = new byte[pristine.Length];
        using var rgb = new ImageBuffer(Width, Height, PixelFormat.Rgb24);
        (int x, int y, int w, int h) = Region(points);

        void OnPlanes() => Yuv420MeshPainter.Draw(planes, Width, Height, points, MeshLayers.Default, style);
        void ThroughRgb()
        {
            Yuv420.ToRgb(planes, Width, Height, rgb, x, y, w, h);
            MeshPainter.Draw(rgb, points, MeshLayers.Default, style);
            Yuv420.WriteBackChanges(planes, Width, Height, rgb, x, y, w, h);
        }

        for (int i = 0; i < 5; i++)
        {
            pristine.CopyTo(planes, 0);
            OnPlanes();
            pristine.CopyTo(planes, 0);
            ThroughRgb();
        }
        var onPlanes = new double[samples];
        var throughRgb = new double[samples];
        for (int s = 0; s < samples; s++)
        {
            onPlanes[s] = Time(pristine, planes, OnPlanes);
            throughRgb[s] = Time(pristine, planes, ThroughRgb);
        }
        return new Result(Stats.Of(onPlanes), Stats.Of(throughRgb), Width, Height);
    }

    private static double Time(byte[] pristine, byte[] planes, Action draw)
    {
        pristine.CopyTo(planes, 0);
        long start = Stopwatch.GetTimestamp();
        draw();
        return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }

    private static (int X, int Y, int Width, int Height) Region(Vector3[] points)
    {
        float left = points.Min(p => p.X), top = points.Min(p => p.Y), right = points.Max(p => p.X), bottom = points.Max(p => p.Y);
        int x0 = Math.Clamp((int)left - Margin, 0, Width), y0 = Math.Clamp((int)top - Margin, 0, Height);
        int x1 = Math.Clamp((int)right + 1 + Margin, 0, Width), y1 = Math.Clamp((int)bottom + 1 + Margin, 0, Height);
        return (x0, y0, x1 - x0, y1 - y0);
    }
}
