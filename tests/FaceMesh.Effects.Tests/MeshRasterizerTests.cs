using System.Numerics;
using FaceMesh.Geometry;
using FaceMesh.Imaging;

namespace FaceMesh.Effects.Tests;

public class MeshRasterizerTests
{
    private const int Size = 256;
    private static readonly PerspectiveCamera Camera = PerspectiveCamera.MediaPipeDefault;

    /// <summary>The canonical face 30 cm in front of the camera, turned 20° to the image right.</summary>
    private static Vector3[] Posed()
    {
        CanonicalFaceModel model = CanonicalFaceModel.Default;
        Matrix4x4 pose = Matrix4x4.CreateRotationY(0.35f) * Matrix4x4.CreateTranslation(0, 0, -30);
        var vertices = new Vector3[model.VertexCount];
        for (int i = 0; i < vertices.Length; i++) vertices[i] = Vector3.Transform(model.Positions[i], pose);
        return vertices;
    }

    [Fact]
    public void The_face_covers_its_projected_hull_and_nothing_beyond_it()
    {
        Vector3[] vertices = Posed();
        using var image = new ImageBuffer(Size, Size, PixelFormat.Rgb24);
        var rasterizer = new MeshRasterizer();
        int written = DrawFace(rasterizer, image, vertices, new MeshMaterial());

        Vector2[] hull = ConvexHull([.. vertices.Select(v => Camera.ProjectToImage(v, Size, Size))]);
        int inside = 0, coveredInside = 0, coveredOutside = 0;
        ReadOnlySpan<float> depth = rasterizer.DepthBuffer;
        for (int y = 0; y < Size; y++)
            for (int x = 0; x < Size; x++)
            {
                var centre = new Vector2(x + 0.5f, y + 0.5f);
                bool covered = float.IsFinite(depth[y * Size + x]);
                float signedDistance = DistanceInside(hull, centre);
                if (signedDistance > 1.5f) { inside++; if (covered) coveredInside++; }
                if (signedDistance < -1f && covered) coveredOutside++;
            }
        Assert.Equal(0, coveredOutside);
        // The face's outline is not convex (the temples, the chin): most, not all, of the hull.
        Assert.InRange((double)coveredInside / inside, 0.85, 1.0);
        Assert.InRange(written, coveredInside, 4 * inside);
        Assert.True(inside > 5000, $"the face should fill a good part of the image, hull has {inside} px");
    }

    [Fact]
    public void The_nose_is_nearer_than_the_cheeks_and_depth_is_the_distance_of_the_surface()
    {
        Vector3[] vertices = Posed();
        using var image = new ImageBuffer(Size, Size, PixelFormat.Rgb24);
        var rasterizer = new MeshRasterizer();
        DrawFace(rasterizer, image, vertices, new MeshMaterial());
        float nose = DepthAt(rasterizer, vertices[1]), rightCheek = DepthAt(rasterizer, vertices[50]), leftCheek = DepthAt(rasterizer, vertices[280]);
        Assert.InRange(nose, -vertices[1].Z - 0.3f, -vertices[1].Z + 0.3f);
        Assert.True(nose < rightCheek - 1f && nose < leftCheek - 1f, $"nose {nose}, cheeks {rightCheek} {leftCheek}");

        // A plane in front of the face hides it wherever they overlap.
        Vector3[] card = [new(-3, -3, -20), new(3, -3, -20), new(3, 3, -20), new(-3, 3, -20)];
        rasterizer.Draw(image, card, [0, 1, 2, 0, 2, 3], Camera, new MeshMaterial { Color = new Rgb(0, 0, 255) });
        Assert.Equal(20f, DepthAt(rasterizer, new Vector3(0, 0, -20)), 3);
        Vector2 centre = Camera.ProjectToImage(new Vector3(0, 0, -20), Size, Size);
        Assert.Equal(0, image.Row((int)centre.Y)[(int)centre.X * 3]);
    }

    [Fact]
    public void Surfaces_facing_the_light_are_brighter_and_texture_comes_from_the_coordinates()
    {
        Vector3[] vertices = Posed();
        using var image = new ImageBuffer(Size, Size, PixelFormat.Rgb24);
        var rasterizer = new MeshRasterizer();
        var frontal = new MeshMaterial { Color = new Rgb(200, 200, 200), LightDirection = Vector3.UnitZ, Ambient = 0.1f };
        DrawFace(rasterizer, image, vertices, frontal);
        // The turned face: its right side (image left, landmark 234) faces away, its nose bridge towards the camera.
        Assert.True(Brightness(image, vertices[6]) > Brightness(image, vertices[234]) + 30);

        // Left half of the texture red, right half green: the canonical UVs put the subject's right cheek on the left.
        using var texture = new ImageBuffer(64, 64, PixelFormat.Rgb24);
        for (int y = 0; y < 64; y++)
            for (int x = 0; x < 64; x++)
            {
                Span<byte> px = texture.Row(y).Slice(x * 3, 3);
                px[0] = (byte)(x < 32 ? 255 : 0);
                px[1] = (byte)(x < 32 ? 0 : 255);
            }
        var textured = frontal with { Texture = texture.View, TextureCoordinates = CanonicalFaceModel.Default.TextureCoordinates.ToArray() };
        DrawFace(rasterizer, image, vertices, textured);
        Span<byte> rightCheek = Pixel(image, vertices[50]), leftCheek = Pixel(image, vertices[280]);
        Assert.True(rightCheek[0] > 50 && rightCheek[1] == 0, $"right cheek {rightCheek[0]},{rightCheek[1]}");
        Assert.True(leftCheek[1] > 50 && leftCheek[0] == 0, $"left cheek {leftCheek[0]},{leftCheek[1]}");

        long before = GC.GetAllocatedBytesForCurrentThread();
        DrawFace(rasterizer, image, vertices, textured);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Misuse_is_reported()
    {
        using var image = new ImageBuffer(8, 8, PixelFormat.Rgb24);
        var rasterizer = new MeshRasterizer();
        Assert.Throws<InvalidOperationException>(() => rasterizer.Draw(image, [Vector3.Zero], [0, 0, 0], Camera, new MeshMaterial()));
        rasterizer.Begin(8, 8);
        Assert.Throws<ArgumentException>(() => rasterizer.Draw(image, [Vector3.Zero], [0, 1, 2], Camera, new MeshMaterial()));
        // Behind the camera: nothing drawn, nothing thrown.
        Assert.Equal(0, rasterizer.Draw(image, [new(0, 0, 5), new(1, 0, 5), new(0, 1, 5)], [0, 1, 2], Camera, new MeshMaterial()));
    }

    private static int DrawFace(MeshRasterizer rasterizer, ImageBuffer image, Vector3[] vertices, MeshMaterial material)
    {
        rasterizer.Begin(Size, Size);
        return rasterizer.Draw(image, vertices, CanonicalFaceModel.Default.TriangleIndices, Camera, material);
    }

    private static float DepthAt(MeshRasterizer rasterizer, Vector3 point)
    {
        Vector2 p = Camera.ProjectToImage(point, Size, Size);
        return rasterizer.DepthBuffer[(int)p.Y * Size + (int)p.X];
    }

    private static Span<byte> Pixel(ImageBuffer image, Vector3 point)
    {
        Vector2 p = Camera.ProjectToImage(point, Size, Size);
        return image.Row((int)p.Y).Slice((int)p.X * 3, 3);
    }

    private static int Brightness(ImageBuffer image, Vector3 point) => Pixel(image, point)[0];

    /// <summary>Positive inside a counter-clockwise (in y-down pixels: clockwise on screen) convex hull: the distance to the nearest edge.</summary>
    private static float DistanceInside(Vector2[] hull, Vector2 p)
    {
        float min = float.MaxValue;
        for (int i = 0; i < hull.Length; i++)
        {
            Vector2 a = hull[i], b = hull[(i + 1) % hull.Length];
            Vector2 edge = Vector2.Normalize(b - a);
            float cross = edge.X * (p.Y - a.Y) - edge.Y * (p.X - a.X);
            min = MathF.Min(min, cross);
        }
        return min;
    }

    /// <summary>Andrew's monotone chain; the result turns the same way as <see cref="DistanceInside"/> expects.</summary>
    private static Vector2[] ConvexHull(Vector2[] points)
    {
        Vector2[] sorted = [.. points.OrderBy(p => p.X).ThenBy(p => p.Y)];
        var hull = new List<Vector2>();
        for (int pass = 0; pass < 2; pass++)
        {
            int start = hull.Count;
            foreach (Vector2 p in pass == 0 ? sorted : sorted.Reverse())
            {
                while (hull.Count >= start + 2 && Cross(hull[^2], hull[^1], p) <= 0) hull.RemoveAt(hull.Count - 1);
                hull.Add(p);
            }
            hull.RemoveAt(hull.Count - 1);
        }
        return [.. hull];
    }

    private static float Cross(Vector2 o, Vector2 a, Vector2 b) => (a.X - o.X) * (b.Y - o.Y) - (a.Y - o.Y) * (b.X - o.X);
}
