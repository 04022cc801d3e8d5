using System.Numerics;
using FaceMesh.Effects;
using FaceMesh.Imaging;
using FaceMesh.Media;

namespace FaceMesh.Cli.Rendering;

/// <summary>
/// Draws a <see cref="FaceRenderer"/>'s effects on a frame kept as <see cref="Yuv420"/> planes.
/// The mesh goes straight on the planes (<see cref="Yuv420MeshPainter"/>), touching only the
/// pixels under its strokes. Lipstick needs RGB: for it only the rectangle around the faces is
/// converted, coloured, and written back where pixels changed. Everything else reaches the
/// encoder bit-exact. Keeps its buffers, so frames do not allocate.
/// </summary>
internal sealed class Yuv420Canvas(int width, int height) : IDisposable
{
    // The lipstick's feathered edge stays well inside this many pixels around the landmarks.
    private const int Margin = 16;

    private readonly Vector3[] _points = new Vector3[MeshPainter.RefinedLandmarkCount];
    private ImageBuffer? _rgb;

    public void Render(FaceRenderer renderer, ImageBuffer planes, FaceLandmarkerResult result)
    {
        if (renderer.DrawsNothing || result.Faces.Count == 0) return;
        if (renderer.LipstickChoice is { } lipstick) ApplyLipstick(lipstick, planes, result);
        if (renderer.Layers == MeshLayers.None) return;
        for (int i = 0; i < result.Faces.Count; i++)
        {
            Face face = result.Faces[i];
            Span<Vector3> points = _points.AsSpan(0, face.LandmarkSpan.Length);
            face.CopyPixelLandmarksTo(points);
            Yuv420MeshPainter.Draw(planes.Span, width, height, points, renderer.Layers, renderer.StyleFor(face));
        }
    }

    private void ApplyLipstick(LipstickChoice lipstick, ImageBuffer planes, FaceLandmarkerResult result)
    {
        (int x, int y, int w, int h) = Region(result);
        if (w <= 0 || h <= 0) return;
        _rgb ??= new ImageBuffer(width, height, PixelFormat.Rgb24);
        Yuv420.ToRgb(planes.Span, width, height, _rgb, x, y, w, h);
        for (int i = 0; i < result.Faces.Count; i++)
        {
            Face face = result.Faces[i];
            Span<Vector3> points = _points.AsSpan(0, face.LandmarkSpan.Length);
            face.CopyPixelLandmarksTo(points);
            Lipstick.Apply(_rgb, points, lipstick.Color, lipstick.Opacity);
        }
        Yuv420.WriteBackChanges(planes.Span, width, height, _rgb, x, y, w, h);
    }

    /// <summary>The rectangle holding every face's landmarks and a margin around them, inside the frame.</summary>
    private (int X, int Y, int Width, int Height) Region(FaceLandmarkerResult result)
    {
        float left = float.MaxValue, top = float.MaxValue, right = float.MinValue, bottom = float.MinValue;
        for (int i = 0; i < result.Faces.Count; i++)
        {
            Face face = result.Faces[i];
            Span<Vector3> points = _points.AsSpan(0, face.LandmarkSpan.Length);
            face.CopyPixelLandmarksTo(points);
            foreach (Vector3 p in points)
            {
                left = MathF.Min(left, p.X);
                top = MathF.Min(top, p.Y);
                right = MathF.Max(right, p.X);
                bottom = MathF.Max(bottom, p.Y);
            }
        }
        if (!float.IsFinite(left) || !float.IsFinite(top) || !float.IsFinite(right) || !float.IsFinite(bottom)) return (0, 0, width, height);
        int x0 = Math.Clamp((int)MathF.Floor(left) - Margin, 0, width), y0 = Math.Clamp((int)MathF.Floor(top) - Margin, 0, height);
        int x1 = Math.Clamp((int)MathF.Ceiling(right) + Margin, 0, width), y1 = Math.Clamp((int)MathF.Ceiling(bottom) + Margin, 0, height);
        return (x0, y0, x1 - x0, y1 - y0);
    }

    public void Dispose() => _rgb?.Dispose();
}
