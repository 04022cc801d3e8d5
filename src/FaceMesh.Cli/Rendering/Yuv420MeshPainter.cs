using System.Numerics;
using FaceMesh.Effects;
using FaceMesh.Media;

namespace FaceMesh.Cli.Rendering;

/// <summary>
/// Draws <see cref="MeshPainter"/>'s layers, in its order and style, straight on a frame's
/// <see cref="Yuv420"/> planes: each stroke goes on the Y plane at full resolution and on U and V
/// at half resolution (half the width, so a 2x2 block gets the stroke's average coverage, as
/// converting the drawn RGB back would give it). Only pixels under the strokes are touched;
/// nothing is converted or copied, and nothing is allocated.
/// </summary>
internal static class Yuv420MeshPainter
{
    public static void Draw(Span<byte> planes, int width, int height, ReadOnlySpan<Vector3> landmarks, MeshLayers layers, MeshStyle style)
    {
        if (!Yuv420.Supports(width, height) || planes.Length < Yuv420.FrameBytes(width, height))
            throw new ArgumentException($"Expected the 4:2:0 planes of a {width}x{height} frame, got {planes.Length} bytes.", nameof(planes));
        if (landmarks.Length is not (MeshPainter.LandmarkCount or MeshPainter.RefinedLandmarkCount))
            throw new ArgumentException($"Expected {MeshPainter.LandmarkCount} or {MeshPainter.RefinedLandmarkCount} landmarks, got {landmarks.Length}.", nameof(landmarks));
        var canvas = new Planes(planes, width, height);
        if (layers.HasFlag(MeshLayers.Tesselation)) Edges(canvas, landmarks, PlaneEdges.Tesselation, style.TesselationColor, style.TesselationWidth);
        if (layers.HasFlag(MeshLayers.Contours))
        {
            Edges(canvas, landmarks, PlaneEdges.FaceOval, style.FaceOvalColor, style.ContourWidth);
            Edges(canvas, landmarks, PlaneEdges.Lips, style.LipsColor, style.ContourWidth);
            Edges(canvas, landmarks, PlaneEdges.RightEye, style.RightFeatureColor, style.ContourWidth);
            Edges(canvas, landmarks, PlaneEdges.RightEyebrow, style.RightFeatureColor, style.ContourWidth);
            Edges(canvas, landmarks, PlaneEdges.LeftEye, style.LeftFeatureColor, style.ContourWidth);
            Edges(canvas, landmarks, PlaneEdges.LeftEyebrow, style.LeftFeatureColor, style.ContourWidth);
        }
        if (layers.HasFlag(MeshLayers.Irises) && landmarks.Length >= MeshPainter.RefinedLandmarkCount)
        {
            Edges(canvas, landmarks, PlaneEdges.RightIris, style.RightFeatureColor, style.IrisWidth);
            Edges(canvas, landmarks, PlaneEdges.LeftIris, style.LeftFeatureColor, style.IrisWidth);
        }
        if (layers.HasFlag(MeshLayers.Points))
        {
            canvas.Targets(style.PointColor, out PlaneTarget luma, out PlaneTarget chroma);
            foreach (Vector3 point in landmarks)
            {
                var at = new Vector2(point.X, point.Y);
                PlaneStrokes.Disc(luma, at, style.PointRadius);
                PlaneStrokes.Disc(chroma, at / 2f, style.PointRadius / 2f);
            }
        }
    }

    private static void Edges(in Planes canvas, ReadOnlySpan<Vector3> landmarks, PlaneEdges edges, Rgb color, float width)
    {
        canvas.Targets(color, out PlaneTarget luma, out PlaneTarget chroma);
        for (int i = 0; i < edges.Count; i++)
        {
            Vector3 a = landmarks[edges.Starts[i]], b = landmarks[edges.Ends[i]];
            Vector2 start = new(a.X, a.Y), end = new(b.X, b.Y);
            PlaneStrokes.Line(luma, start, end, width, edges.Repeats[i]);
            PlaneStrokes.Line(chroma, start / 2f, end / 2f, width / 2f, edges.Repeats[i]);
        }
    }

    private readonly ref struct Planes(Span<byte> planes, int width, int height)
    {
        private readonly Span<byte> _planes = planes;

        /// <summary>The Y plane with the colour's luma, and U and V (half size) with its chroma.</summary>
        public void Targets(Rgb color, out PlaneTarget luma, out PlaneTarget chroma)
        {
            (byte y, byte u, byte v) = Yuv420.FromRgb(color.R, color.G, color.B);
            int lumaBytes = width * height, chromaBytes = lumaBytes / 4;
            luma = new PlaneTarget(_planes[..lumaBytes], y, [], 0, width, height);
            chroma = new PlaneTarget(_planes.Slice(lumaBytes, chromaBytes), u, _planes.Slice(lumaBytes + chromaBytes, chromaBytes), v, width / 2, height / 2);
        }
    }
}
