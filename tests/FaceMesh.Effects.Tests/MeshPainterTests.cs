using System.Numerics;
using FaceMesh.Imaging;

namespace FaceMesh.Effects.Tests;

public sealed class MeshPainterTests
{
    /// <summary>Landmarks spread over a 200x200 image in a deterministic scatter.</summary>
    private static Vector2[] Scatter(int count)
    {
        var random = new Random(1234);
        return Enumerable.Range(0, count).Select(_ => new Vector2(20 + 160 * random.NextSingle(), 20 + 160 * random.NextSingle())).ToArray();
    }

    [Fact]
    public void Irises_are_only_drawn_for_refined_landmarks()
    {
        Vector2[] refined = Scatter(478);
        using ImageBuffer withIrises = TestImages.Filled(200, 200, PixelFormat.Rgb24, 0, 0, 0);
        using ImageBuffer withoutIrises = TestImages.Filled(200, 200, PixelFormat.Rgb24, 0, 0, 0);
        using ImageBuffer basic = TestImages.Filled(200, 200, PixelFormat.Rgb24, 0, 0, 0);

        MeshPainter.Draw(withIrises, refined, MeshLayers.Irises);
        MeshPainter.Draw(withoutIrises, refined, MeshLayers.None);
        MeshPainter.Draw(basic, refined.AsSpan(0, 468), MeshLayers.Irises);

        Assert.False(withIrises.Span.SequenceEqual(withoutIrises.Span));
        Assert.True(basic.Span.SequenceEqual(withoutIrises.Span));
    }

    [Fact]
    public void Layers_draw_with_their_colours()
    {
        Vector2[] points = Scatter(478);
        using ImageBuffer image = TestImages.Filled(200, 200, PixelFormat.Rgb24, 0, 0, 0);
        MeshPainter.Draw(image, points, MeshLayers.Tesselation);
        LandmarkConnection edge = FaceMeshConnections.Tesselation[0];
        Vector2 middle = (points[edge.Start] + points[edge.End]) / 2;
        var pixel = TestImages.Pixel(image, (int)middle.X, (int)middle.Y);
        Assert.True(pixel.R > 60 && pixel.R == pixel.G && pixel.G == pixel.B, $"expected grey, got {pixel}");
    }

    [Fact]
    public void Vector3_landmarks_draw_like_their_xy()
    {
        Vector2[] flat = Scatter(478);
        Vector3[] deep = flat.Select((p, i) => new Vector3(p, i * 0.1f)).ToArray();
        using ImageBuffer a = TestImages.Filled(200, 200, PixelFormat.Bgra32, 10, 20, 30);
        using ImageBuffer b = TestImages.Filled(200, 200, PixelFormat.Bgra32, 10, 20, 30);
        MeshPainter.Draw(a, flat, MeshLayers.Default | MeshLayers.Points);
        MeshPainter.Draw(b, deep, MeshLayers.Default | MeshLayers.Points);
        Assert.True(a.Span.SequenceEqual(b.Span));
    }

    [Fact]
    public void Wrong_landmark_count_is_rejected()
    {
        using ImageBuffer image = TestImages.Filled(10, 10, PixelFormat.Rgb24, 0, 0, 0);
        Assert.Throws<ArgumentException>(() => MeshPainter.Draw(image, new Vector2[100]));
    }

    [Fact]
    public void Non_finite_landmarks_are_skipped()
    {
        Vector2[] points = Scatter(478);
        points[0] = new Vector2(float.NaN, float.NaN);
        points[10] = new Vector2(float.PositiveInfinity, 3);
        using ImageBuffer image = TestImages.Filled(200, 200, PixelFormat.Rgb24, 0, 0, 0);
        MeshPainter.Draw(image, points, MeshLayers.Default | MeshLayers.Points);
        // The rest of the mesh is still drawn.
        Assert.True(image.Span.IndexOfAnyExcept((byte)0) >= 0, "nothing was drawn");

        // A skipped point leaves exactly what a point far outside the image leaves: no dot.
        Vector2[] offImage = (Vector2[])points.Clone();
        offImage[0] = new Vector2(-1000, -1000);
        offImage[10] = new Vector2(-1000, 3);
        using ImageBuffer skipped = TestImages.Filled(200, 200, PixelFormat.Rgb24, 0, 0, 0);
        using ImageBuffer outside = TestImages.Filled(200, 200, PixelFormat.Rgb24, 0, 0, 0);
        MeshPainter.Draw(skipped, points, MeshLayers.Points);
        MeshPainter.Draw(outside, offImage, MeshLayers.Points);
        Assert.True(skipped.Span.SequenceEqual(outside.Span));
        // And the dots of the other points are there.
        Vector2 kept = points[1];
        Assert.NotEqual(((byte)0, (byte)0, (byte)0), TestImages.Pixel(skipped, (int)kept.X, (int)kept.Y));
    }
}
