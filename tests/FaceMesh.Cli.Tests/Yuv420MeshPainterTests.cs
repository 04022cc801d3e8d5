using System.Numerics;
using FaceMesh.Cli.Rendering;
using FaceMesh.Effects;
using FaceMesh.Geometry;
using FaceMesh.Imaging;
using FaceMesh.Media;

namespace FaceMesh.Cli.Tests;

/// <summary>The mesh drawn straight on a video frame's 4:2:0 planes looks like the mesh drawn on RGB and converted back.</summary>
public sealed class Yuv420MeshPainterTests
{
    private const int Width = 320, Height = 280;

    [Theory]
    [InlineData(1f)]
    [InlineData(2.5f)]
    public void Drawing_on_the_planes_matches_drawing_on_rgb_and_writing_back(float scale)
    {
        Vector3[] points = Landmarks(turn: 0.1f);
        MeshStyle style = new MeshStyle().Scaled(scale);
        byte[] original = Frame(seed: 11);

        byte[] throughRgb = (byte[])original.Clone();
        using (var rgb = new ImageBuffer(Width, Height, PixelFormat.Rgb24))
        {
            Yuv420.ToRgb(throughRgb, Width, Height, rgb);
            MeshPainter.Draw(rgb, points, MeshLayers.Default | MeshLayers.Points, style);
            Yuv420.WriteBackChanges(throughRgb, Width, Height, rgb, 0, 0, Width, Height);
        }
        byte[] onPlanes = (byte[])original.Clone();
        Yuv420MeshPainter.Draw(onPlanes, Width, Height, points, MeshLayers.Default | MeshLayers.Points, style);

        using ImageBuffer expected = ToRgb(throughRgb), actual = ToRgb(onPlanes);
        int drawn = 0, missed = 0;
        long difference = 0;
        for (int i = 0; i < Width * Height; i++)
        {
            bool drawnThere = Math.Abs(throughRgb[i] - original[i]) > 24;
            drawn += drawnThere ? 1 : 0;
            missed += drawnThere && Math.Abs(onPlanes[i] - original[i]) <= 8 ? 1 : 0;
        }
        for (int i = 0; i < expected.Length; i++) difference += Math.Abs(expected.Span[i] - actual.Span[i]);
        Assert.True(drawn > 2000, $"only {drawn} pixels drawn");
        Assert.True(missed < drawn / 100, $"{missed} of {drawn} drawn pixels left almost untouched on the planes");
        double meanDifference = (double)difference / expected.Length;
        Assert.True(meanDifference < 2.0, $"mean RGB difference {meanDifference:F2} levels");
    }

    [Fact]
    public void Pixels_away_from_the_strokes_stay_bit_exact_and_bad_landmarks_are_skipped()
    {
        Vector3[] points = Landmarks(turn: -0.2f);
        points[10] = new Vector3(float.NaN, 3, 0);
        points[20] = new Vector3(float.PositiveInfinity, 50, 0);
        points[30] = new Vector3(-1e30f, 1e30f, 0);
        byte[] original = Frame(seed: 4);
        byte[] planes = (byte[])original.Clone();
        Yuv420MeshPainter.Draw(planes, Width, Height, points, MeshLayers.Default, new MeshStyle().Scaled(2f));

        // Landmarks stay inside x, y in [60, 200): with strokes 4 px wide nothing reaches row or column 210.
        for (int y = 0; y < Height; y++)
        {
            for (int x = 0; x < Width; x++)
            {
                if (x < 210 && y < 210) continue;
                Assert.Equal(original[y * Width + x], planes[y * Width + x]);
            }
        }
        int chroma = Width / 2 * (Height / 2);
        for (int plane = 0; plane < 2; plane++)
        {
            for (int y = 105; y < Height / 2; y++)
            {
                int at = Width * Height + plane * chroma + y * (Width / 2);
                Assert.Equal(original.AsSpan(at, Width / 2).ToArray(), planes.AsSpan(at, Width / 2).ToArray());
            }
        }
        Assert.NotEqual(original, planes);
    }

    [Fact]
    public void Wrong_landmark_counts_and_plane_sizes_are_refused()
    {
        byte[] planes = Frame(seed: 1);
        var style = new MeshStyle();
        Assert.Throws<ArgumentException>(() => Yuv420MeshPainter.Draw(planes, Width, Height, new Vector3[100], MeshLayers.Default, style));
        Assert.Throws<ArgumentException>(() => Yuv420MeshPainter.Draw(planes.AsSpan(1), Width, Height, Landmarks(0f), MeshLayers.Default, style));
        Assert.Throws<ArgumentException>(() => Yuv420MeshPainter.Draw(planes, Width - 1, Height, Landmarks(0f), MeshLayers.Default, style));
    }

    [Fact]
    public void The_tesselation_is_drawn_once_per_distinct_edge_and_keeps_every_repeat()
    {
        PlaneEdges edges = PlaneEdges.Tesselation;
        Assert.Equal(FaceMeshConnections.Tesselation.Length, edges.Repeats.Sum(r => r));
        Assert.True(edges.Count < FaceMeshConnections.Tesselation.Length * 3 / 5, $"{edges.Count} distinct edges");
        var seen = new HashSet<(int, int)>();
        for (int i = 0; i < edges.Count; i++) Assert.True(seen.Add((edges.Starts[i], edges.Ends[i])));
    }

    /// <summary>The canonical face's 468 landmarks fitted into x, y in [60, 200), turned a little by <paramref name="turn"/> radians.</summary>
    private static Vector3[] Landmarks(float turn)
    {
        Vector3[] points = TurnedCanonicalFace.Points(turn, CanonicalFaceModel.Default.Positions.Length);
        float minX = points.Min(p => p.X), maxX = points.Max(p => p.X), minY = points.Min(p => p.Y), maxY = points.Max(p => p.Y);
        float scale = 139f / MathF.Max(maxX - minX, maxY - minY);
        for (int i = 0; i < points.Length; i++) points[i] = new Vector3(60 + (points[i].X - minX) * scale, 60 + (points[i].Y - minY) * scale, 0);
        return points;
    }

    private static byte[] Frame(int seed)
    {
        var random = new Random(seed);
        byte[] planes = new byte[Yuv420.FrameBytes(Width, Height)];
        for (int i = 0; i < planes.Length; i++) planes[i] = (byte)(i < Width * Height ? 40 + random.Next(160) : 100 + random.Next(56));
        return planes;
    }

    private static ImageBuffer ToRgb(byte[] planes)
    {
        var rgb = new ImageBuffer(Width, Height, PixelFormat.Rgb24);
        Yuv420.ToRgb(planes, Width, Height, rgb);
        return rgb;
    }
}
