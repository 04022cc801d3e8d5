using FaceMesh.Effects;

namespace FaceMesh.Cli.Rendering;

/// <summary>A lipstick colour and how strongly it covers, as chosen on the command line.</summary>
internal sealed record LipstickChoice(Rgb Color, float Opacity)
{
    /// <summary>Null when no colour was given.</summary>
    /// <exception cref="ArgumentException">The colour does not parse or the opacity is outside 0..1.</exception>
    public static LipstickChoice? From(string? color, float opacity)
    {
        if (float.IsNaN(opacity) || opacity is < 0 or > 1)
            throw new ArgumentException($"--opacity must be between 0 and 1, got {opacity}.");
        if (color is null) return null;
        try
        {
            return new LipstickChoice(Rgb.Parse(color), opacity);
        }
        catch (FormatException e)
        {
            throw new ArgumentException($"--lipstick: {e.Message}", e);
        }
    }
}
