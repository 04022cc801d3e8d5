using System.Numerics;
using FaceMesh.Imaging;

namespace FaceMesh.Effects;

/// <summary>
/// How <see cref="MeshRasterizer"/> colours a mesh: a base colour or a texture looked up through
/// per-vertex texture coordinates, lit by one directional light (Lambert) plus ambient light.
/// </summary>
public sealed record MeshMaterial
{
    /// <summary>Skin-like default.</summary>
    public Rgb Color { get; init; } = new(226, 186, 160);

    /// <summary>Light reaching surfaces that face away from the light, 0..1.</summary>
    public float Ambient { get; init; } = 0.25f;

    /// <summary>Direction towards the light in camera space (x right, y up, z towards the viewer); need not be unit length.</summary>
    public Vector3 LightDirection { get; init; } = new(-0.4f, 0.5f, 1f);

    /// <summary>Optional texture (any of our pixel formats); used only with <see cref="TextureCoordinates"/>.</summary>
    public ImageView? Texture { get; init; }

    /// <summary>Per-vertex texture coordinates (u right, v down, 0..1), e.g. the canonical model's.</summary>
    public ReadOnlyMemory<Vector2> TextureCoordinates { get; init; }
}
