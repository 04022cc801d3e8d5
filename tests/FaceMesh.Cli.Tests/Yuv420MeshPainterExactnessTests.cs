using System.Numerics;
using System.Security.Cryptography;
using FaceMesh.Cli.Rendering;
using FaceMesh.Effects;
using FaceMesh.Geometry;
using FaceMesh.Media;

namespace FaceMesh.Cli.Tests;

/// <summary>
/// Pins the exact bytes the plane painter writes, so a faster rasteriser can prove it draws the
/// same video frames as the one it replaces: the hashes were taken from the straightforward
/// per-pixel version. Cases cover thin (sub-pixel) and wide strokes, repeated tesselation edges,
/// points, irises and strokes clipped at every border of the frame.
/// </summary>
public sealed class Yuv420MeshPainterExactnessTests
{
    private const int Width = 320, Height = 240;

    [Theory]
    [InlineData(1f, 0.1f, 0f, 0f, MeshLayers.Default | MeshLayers.Points, "C9D3F4978E26237F7E8D14D9659F0AC7")]
    [InlineData(2.5f, -0.3f, -110f, -90f, MeshLayers.Default, "12D39189AC0C2DB67CBAAC9A3EBB20D7")]
    [InlineData(0.4f, 0.7f, 20f, 10f, MeshLayers.Default | MeshLayers.Points, "C9EDF83F4DB3F7A92E647C60FBB71AEF")]
    [InlineData(3.3f, 1.9f, 150f, 60f, MeshLayers.Tesselation | MeshLayers.Irises, "82FCABE6788163234B0AB883CC8BB842")]
    [InlineData(1.7f, -2.6f, 137.3f, -95.6f, MeshLayers.Default | MeshLayers.Points, "C61558CEA61356417B94D302F7FCA65D")]
    public void Drawing_writes_exactly_the_pinned_bytes(float scale, float turn, float shiftX, float shiftY, MeshLayers layers, string expectedHashPrefix)
    {
        Vector3[] points = Landmarks(turn, new Vector2(shiftX, shiftY));
        byte[] planes = Frame(seed: 7);
        Yuv420MeshPainter.Draw(planes, Width, Height, points, layers, new MeshStyle().Scaled(scale));
        // 128 bits of SHA-256 over all three planes: any changed byte shows.
        Assert.Equal(expectedHashPrefix, Convert.ToHexString(SHA256.HashData(planes))[..32]);
    }

    /// <summary>478 landmarks: the canonical face turned by <paramref name="turn"/>, fitted into about 150 px and moved by <paramref name="shift"/>, with small iris rings by each eye.</summary>
    private static Vector3[] Landmarks(float turn, Vector2 shift)
    {
        ReadOnlySpan<Vector3> canonical = CanonicalFaceModel.Default.Positions;
        Vector3[] points = TurnedCanonicalFace.Points(turn, MeshPainter.RefinedLandmarkCount);
        float minX = float.MaxValue, maxX = float.MinValue, minY = float.MaxValue, maxY = float.MinValue;
        for (int i = 0; i < canonical.Length; i++)
        {
            minX = MathF.Min(minX, points[i].X);
            maxX = MathF.Max(maxX, points[i].X);
            minY = MathF.Min(minY, points[i].Y);
            maxY = MathF.Max(maxY, points[i].Y);
        }
        float scale = 151.7f / MathF.Max(maxX - minX, maxY - minY);
        for (int i = 0; i < canonical.Length; i++)
            points[i] = new Vector3(83.3f + shift.X + (points[i].X - minX) * scale, 41.9f + shift.Y + (points[i].Y - minY) * scale, 0);
        AddIris(points, canonical.Length, (points[33] + points[133]) / 2f);
        AddIris(points, canonical.Length + 5, (points[263] + points[362]) / 2f);
        return points;
    }

    private static void AddIris(Vector3[] points, int first, Vector3 center)
    {
        points[first] = center;
        for (int i = 1; i < 5; i++)
        {
            float angle = i * MathF.PI / 2f + 0.3f;
            points[first + i] = center + new Vector3(4.6f * MathF.Cos(angle), 4.6f * MathF.Sin(angle), 0);
        }
    }

    private static byte[] Frame(int seed)
    {
        var random = new Random(seed);
        byte[] planes = new byte[Yuv420.FrameBytes(Width, Height)];
        random.NextBytes(planes);
        return planes;
    }
}
