using System.Globalization;

namespace FaceMesh.Effects;

/// <summary>An 8-bit sRGB colour, independent of the image's channel order.</summary>
public readonly record struct Rgb(byte R, byte G, byte B)
{
    /// <summary>#ffffff.</summary>
    public static Rgb White => new(255, 255, 255);
    /// <summary>#000000.</summary>
    public static Rgb Black => new(0, 0, 0);

    /// <summary>Parses "#rrggbb" or "rrggbb" (case-insensitive).</summary>
    public static Rgb Parse(string hex)
    {
        ArgumentNullException.ThrowIfNull(hex);
        ReadOnlySpan<char> digits = hex.AsSpan().TrimStart('#');
        if (digits.Length != 6 || !uint.TryParse(digits, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out uint value))
            throw new FormatException($"Expected a colour like #c8102e, got '{hex}'.");
        return new Rgb((byte)(value >> 16), (byte)(value >> 8), (byte)value);
    }

    /// <summary>"#rrggbb", lower case: what <see cref="Parse"/> reads.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"#{R:x2}{G:x2}{B:x2}");
}
