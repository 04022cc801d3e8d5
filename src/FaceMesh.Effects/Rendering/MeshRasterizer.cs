using System.Numerics;
using FaceMesh.Geometry;
using FaceMesh.Imaging;

namespace FaceMesh.Effects;

/// <summary>
/// A small software rasteriser for face meshes: perspective projection through a
/// <see cref="PerspectiveCamera"/>, a z-buffer, smooth (per-vertex, Gouraud-interpolated) Lambert
/// shading, and optional perspective-correct texturing. Triangles are two-sided: each vertex normal
/// is turned towards the camera, so a mesh's winding does not matter. Keeps its buffers, which grow
/// only when a larger image or mesh arrives: drawing allocates nothing after warm-up. Not
/// thread-safe; one per renderer.
/// </summary>
public sealed class MeshRasterizer
{
    private float[] _depth = [];
    private Vector3[] _screen = [];
    private Vector3[] _normals = [];
    private float[] _light = [];

    /// <summary>Width of the frame begun last (<see cref="Begin"/>), in pixels.</summary>
    public int Width { get; private set; }

    /// <summary>Height of the frame begun last, in pixels.</summary>
    public int Height { get; private set; }

    /// <summary>
    /// Distance from the camera (cm) of the nearest surface drawn at each pixel since
    /// <see cref="Begin"/>, row after row; positive infinity where nothing was drawn.
    /// </summary>
    public ReadOnlySpan<float> DepthBuffer => _depth.AsSpan(0, Width * Height);

    /// <summary>Starts a frame of the given size: every pixel's depth becomes infinitely far.</summary>
    public void Begin(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        int size = checked(width * height);
        if (_depth.Length < size) _depth = new float[size];
        Width = width;
        Height = height;
        _depth.AsSpan(0, size).Fill(float.PositiveInfinity);
    }

    /// <summary>
    /// Draws a mesh into <paramref name="target"/> (the size given to <see cref="Begin"/>), hiding
    /// what lies behind earlier meshes of the frame. Triangles with a vertex at or behind the
    /// camera's near plane are skipped.
    /// </summary>
    /// <param name="cameraSpaceVertices">Vertices in cm, camera space (right-handed, the camera looking along −z, y up).</param>
    /// <param name="triangles">Three vertex indices per triangle.</param>
    /// <returns>The number of pixels written.</returns>
    /// <exception cref="InvalidOperationException"><see cref="Begin"/> was not called with the target's size.</exception>
    /// <exception cref="ArgumentException">An index outside the vertices, or texture coordinates for fewer vertices.</exception>
    public int Draw(ImageBuffer target, ReadOnlySpan<Vector3> cameraSpaceVertices, ReadOnlySpan<int> triangles, PerspectiveCamera camera, MeshMaterial material)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(camera);
        ArgumentNullException.ThrowIfNull(material);
        if (target.Width != Width || target.Height != Height)
            throw new InvalidOperationException($"Begin({target.Width}, {target.Height}) before drawing into this image.");
        int n = cameraSpaceVertices.Length;
        ReadOnlySpan<Vector2> uv = material.TextureCoordinates.Span;
        bool textured = material.Texture is not null && !uv.IsEmpty;
        if (textured && uv.Length < n) throw new ArgumentException($"{uv.Length} texture coordinates for {n} vertices.", nameof(material));
        foreach (int index in triangles)
            if ((uint)index >= (uint)n) throw new ArgumentException($"Triangle index {index} outside the {n} vertices.", nameof(triangles));
        Prepare(cameraSpaceVertices, triangles, camera, material);

        var shader = new PixelShader(target.Format, material, textured);
        int written = 0;
        for (int t = 0; t + 2 < triangles.Length; t += 3)
            written += Fill(target, triangles[t], triangles[t + 1], triangles[t + 2], uv, shader);
        return written;
    }

    /// <summary>Projects the vertices and lights them; grows the per-vertex buffers if needed.</summary>
    private void Prepare(ReadOnlySpan<Vector3> vertices, ReadOnlySpan<int> triangles, PerspectiveCamera camera, MeshMaterial material)
    {
        int n = vertices.Length;
        if (_screen.Length < n)
        {
            _screen = new Vector3[n];
            _normals = new Vector3[n];
            _light = new float[n];
        }
        for (int i = 0; i < n; i++)
        {
            float distance = -vertices[i].Z;
            Vector2 p = distance > camera.Near ? camera.ProjectToImage(vertices[i], Width, Height) : new Vector2(float.NaN);
            _screen[i] = new Vector3(p, distance);
        }
        Span<Vector3> normals = _normals.AsSpan(0, n);
        normals.Clear();
        for (int t = 0; t + 2 < triangles.Length; t += 3)
        {
            int a = triangles[t], b = triangles[t + 1], c = triangles[t + 2];
            // Unnormalised: larger triangles weigh more in the vertex normal.
            Vector3 face = Vector3.Cross(vertices[b] - vertices[a], vertices[c] - vertices[a]);
            normals[a] += face;
            normals[b] += face;
            normals[c] += face;
        }
        Vector3 light = Vector3.Normalize(material.LightDirection);
        float ambient = Math.Clamp(material.Ambient, 0f, 1f);
        for (int i = 0; i < n; i++)
        {
            Vector3 normal = normals[i];
            float length = normal.Length();
            if (!(length > 0)) { _light[i] = ambient; continue; }
            normal /= length;
            if (Vector3.Dot(normal, -vertices[i]) < 0) normal = -normal;
            _light[i] = ambient + (1 - ambient) * MathF.Max(0f, Vector3.Dot(normal, light));
        }
    }

    private int Fill(ImageBuffer target, int ia, int ib, int ic, ReadOnlySpan<Vector2> uv, in PixelShader shader)
    {
        Vector3 a = _screen[ia], b = _screen[ib], c = _screen[ic];
        float area = Edge(a, b, c.X, c.Y);
        if (!(MathF.Abs(area) > 1e-8f)) return 0; // degenerate, or a vertex behind the camera (NaN)
        int left = Math.Max(0, (int)MathF.Floor(MathF.Min(a.X, MathF.Min(b.X, c.X))));
        int right = Math.Min(Width - 1, (int)MathF.Ceiling(MathF.Max(a.X, MathF.Max(b.X, c.X))));
        int top = Math.Max(0, (int)MathF.Floor(MathF.Min(a.Y, MathF.Min(b.Y, c.Y))));
        int bottom = Math.Min(Height - 1, (int)MathF.Ceiling(MathF.Max(a.Y, MathF.Max(b.Y, c.Y))));
        if (left > right || top > bottom) return 0;

        // Perspective-correct interpolation: 1/distance and attribute/distance are linear on screen.
        float invA = 1f / a.Z, invB = 1f / b.Z, invC = 1f / c.Z;
        float lightA = _light[ia] * invA, lightB = _light[ib] * invB, lightC = _light[ic] * invC;
        Vector2 uvA = default, uvB = default, uvC = default;
        if (shader.Textured)
        {
            uvA = uv[ia] * invA;
            uvB = uv[ib] * invB;
            uvC = uv[ic] * invC;
        }
        float invArea = 1f / area;
        int written = 0;
        for (int y = top; y <= bottom; y++)
        {
            float py = y + 0.5f;
            Span<byte> row = target.Row(y);
            Span<float> depthRow = _depth.AsSpan(y * Width, Width);
            for (int x = left; x <= right; x++)
            {
                float px = x + 0.5f;
                float wa = Edge(b, c, px, py) * invArea, wb = Edge(c, a, px, py) * invArea, wc = 1f - wa - wb;
                if (wa < 0 || wb < 0 || wc < 0) continue;
                float inverseDistance = wa * invA + wb * invB + wc * invC;
                float distance = 1f / inverseDistance;
                if (!(distance < depthRow[x])) continue;
                depthRow[x] = distance;
                float lit = (wa * lightA + wb * lightB + wc * lightC) * distance;
                Vector2 texel = shader.Textured ? (wa * uvA + wb * uvB + wc * uvC) * distance : default;
                shader.Shade(row, x, lit, texel);
                written++;
            }
        }
        return written;
    }

    /// <summary>Twice the signed area of (p, q, (x, y)).</summary>
    private static float Edge(Vector3 p, Vector3 q, float x, float y) => (q.X - p.X) * (y - p.Y) - (q.Y - p.Y) * (x - p.X);

    /// <summary>Writes one lit pixel in the target's channel order, from the base colour or the texture.</summary>
    private readonly struct PixelShader
    {
        private readonly int _bytesPerPixel, _r, _g, _b;
        private readonly Rgb _color;
        private readonly ImageView _texture;

        public PixelShader(PixelFormat format, MeshMaterial material, bool textured)
        {
            _bytesPerPixel = format.BytesPerPixel();
            (_r, _g, _b) = format.ChannelOffsets();
            _color = material.Color;
            Textured = textured;
            _texture = textured ? material.Texture!.Value : default;
        }

        public bool Textured { get; }

        public void Shade(Span<byte> row, int x, float light, Vector2 texel)
        {
            Rgb color = Textured ? Sample(texel) : _color;
            int i = x * _bytesPerPixel;
            row[i + _r] = Scale(color.R, light);
            row[i + _g] = Scale(color.G, light);
            row[i + _b] = Scale(color.B, light);
        }

        private Rgb Sample(Vector2 texel)
        {
            int tx = Math.Clamp((int)(texel.X * _texture.Width), 0, _texture.Width - 1);
            int ty = Math.Clamp((int)(texel.Y * _texture.Height), 0, _texture.Height - 1);
            var (r, g, b) = _texture.Format.ChannelOffsets();
            ReadOnlySpan<byte> pixel = _texture.Row(ty).Slice(tx * _texture.BytesPerPixel, _texture.BytesPerPixel);
            return new Rgb(pixel[r], pixel[g], pixel[b]);
        }

        private static byte Scale(byte value, float light) => (byte)Math.Clamp(value * light + 0.5f, 0f, 255f);
    }
}
