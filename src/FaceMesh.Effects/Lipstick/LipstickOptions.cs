namespace FaceMesh.Effects;

/// <summary>Fine-tuning for <see cref="Lipstick"/>; the defaults aim at a natural satin finish.</summary>
public sealed record LipstickOptions
{
    /// <summary>
    /// How far the lips' overall lightness moves toward the lipstick's own lightness (0 keeps the
    /// lips' lightness and only recolours, 1 adopts the lipstick's). Partial by default because
    /// the scene's lighting still applies to the new pigment.
    /// </summary>
    public float LightnessTransfer { get; init; } = 0.6f;

    /// <summary>
    /// Pixels brighter than this multiple of the mean lip luminance are treated as specular
    /// highlights: the excess is kept as neutral light so glossy lips keep white highlights.
    /// </summary>
    public float HighlightThreshold { get; init; } = 1.5f;

    /// <summary>Scales the edge feather (about 1.2% of the lip width at 1).</summary>
    public float Feather { get; init; } = 1f;
}
