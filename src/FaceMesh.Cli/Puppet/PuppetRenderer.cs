using System.Numerics;
using FaceMesh.Effects;
using FaceMesh.Geometry;
using FaceMesh.Imaging;
using FaceMesh.Puppeteering;

namespace FaceMesh.Cli.Puppet;

/// <summary>
/// Draws the puppet's avatar, centred and lit, on a dark panel the size of the input frame, turned
/// as the tracked head is turned; with side-by-side, the input frame on the left and the panel on
/// the right. Owns its frame buffers: rendering a frame allocates nothing.
/// </summary>
internal sealed class PuppetRenderer : IDisposable
{
    // A longer lens than the tracking camera's 63°, so the avatar is not distorted like a selfie.
    private static readonly PerspectiveCamera Lens = new() { VerticalFovDegrees = 30f };
    private static readonly Rgb Background = new(30, 35, 41);
    private static readonly MeshMaterial Cavity = new() { Color = new Rgb(70, 28, 32), Ambient = 0.6f };

    private readonly ImageBuffer _panel;
    private readonly ImageBuffer? _combined;
    private readonly MeshRasterizer _rasterizer = new();
    private readonly MeshMaterial _material;
    private readonly Vector3 _centre;
    private readonly float _distance;
    private readonly Vector3[] _posed;
    private readonly int[] _skinTriangles;
    private readonly int[] _cavityTriangles;
    private readonly float _cavityDepth;

    public PuppetRenderer(AvatarMesh avatar, int width, int height, bool sideBySide, ImageView? texture)
    {
        Avatar = avatar;
        _panel = new ImageBuffer(width, height, PixelFormat.Rgb24);
        _combined = sideBySide ? new ImageBuffer(2 * width, height, PixelFormat.Rgb24) : null;
        _material = texture is { } t && !avatar.TextureCoordinates.IsEmpty
            ? new MeshMaterial { Color = Rgb.White, Texture = t, TextureCoordinates = avatar.TextureCoordinates.ToArray() }
            : new MeshMaterial();
        (_centre, float halfExtent) = Framing(avatar.Positions);
        // The avatar fills 80% of the panel height, or of its width if narrower.
        float fill = 0.8f * Math.Min(1f, (float)width / height);
        _distance = halfExtent / (fill * MathF.Tan(0.5f * Lens.VerticalFovDegrees * MathF.PI / 180f));
        _posed = new Vector3[avatar.VertexCount + AvatarCavities.ExtraVertices];
        _skinTriangles = AvatarCavities.WithoutMembranes(avatar.TriangleIndices);
        _cavityTriangles = AvatarCavities.Triangles(avatar.VertexCount);
        _cavityDepth = 0.1f * halfExtent;
    }

    public AvatarMesh Avatar { get; }

    /// <summary>The frame to encode: the panel, or input and panel side by side.</summary>
    public ImageBuffer Output => _combined ?? _panel;

    public void Render(ImageView input, ReadOnlySpan<Vector3> avatarVertices, Quaternion headRotation)
    {
        var offset = new Vector3(0, 0, -_distance);
        int n = Avatar.VertexCount;
        for (int i = 0; i < n; i++) _posed[i] = Vector3.Transform(avatarVertices[i] - _centre, headRotation) + offset;
        AvatarCavities.PlaceCentres(_posed, n, _cavityDepth);
        Fill(_panel, Background);
        _rasterizer.Begin(_panel.Width, _panel.Height);
        _rasterizer.Draw(_panel, _posed.AsSpan(0, n), _skinTriangles, Lens, _material);
        _rasterizer.Draw(_panel, _posed, _cavityTriangles, Lens, Cavity);
        if (_combined is null) return;
        int rowBytes = _panel.Stride;
        for (int y = 0; y < _panel.Height; y++)
        {
            Span<byte> row = _combined.Row(y);
            input.Row(y)[..rowBytes].CopyTo(row);
            _panel.Row(y).CopyTo(row[rowBytes..]);
        }
    }

    public void Dispose()
    {
        _panel.Dispose();
        _combined?.Dispose();
    }

    /// <summary>The centre of the avatar's bounding box and its larger half-extent in x and y.</summary>
    private static (Vector3 Centre, float HalfExtent) Framing(ReadOnlySpan<Vector3> positions)
    {
        Vector3 min = new(float.MaxValue), max = new(float.MinValue);
        foreach (Vector3 p in positions)
        {
            min = Vector3.Min(min, p);
            max = Vector3.Max(max, p);
        }
        Vector3 half = 0.5f * (max - min);
        return (0.5f * (min + max), MathF.Max(MathF.Max(half.X, half.Y), 1e-6f));
    }

    private static void Fill(ImageBuffer image, Rgb color)
    {
        Span<byte> first = image.Row(0);
        for (int x = 0; x < image.Width; x++)
        {
            first[3 * x] = color.R;
            first[3 * x + 1] = color.G;
            first[3 * x + 2] = color.B;
        }
        for (int y = 1; y < image.Height; y++) first.CopyTo(image.Row(y));
    }
}
