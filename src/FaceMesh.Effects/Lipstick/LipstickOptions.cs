namespace FaceMesh.Effects;

/// <summary>Fine-tuning for <see cref="Lipstick"/>; the defaults aim at a natural satin finish.</summary>
public sealed record LipstickOptions
{
    /// <summary>
    /// How far the lips' overall lightness moves toward the lipstick's own lightness (0 keeps the
    /// lips' lightness and only recolours, 1 adopts the lipstick's). Partial by default because
    /// the scene's lighting still applies to the new pigment.
    /// </summary>
    public float LightnessTransfer { get; init; } = 0.85f;

    /// <summary>
    /// Pixels brighter than this multiple of the median lip luminance (and among the brightest 3%
    /// of the lips) are treated as specular highlights: the excess is kept as neutral light so
    /// glossy lips keep white highlights.
    /// </summary>
    public float HighlightThreshold { get; init; } = 2f;

    /// <summary>
    /// How much of the lips' own shading and texture carries over, as an exponent on each pixel's
    /// luminance ratio to the lip median (1 keeps it fully, 0 gives a flat colour). Slightly below
    /// 1 because part of that variation is the bare lips' own uneven colour, which pigment hides.
    /// </summary>
    public float Shading { get; init; } = 0.7f;

    /// <summary>Scales the edge feather (about 1.8% of the lip width at 1).</summary>
    public float Feather { get; init; } = 1f;
}
