using System.Globalization;

namespace FaceMesh.Media;

/// <summary>
/// An exact ratio such as a frame rate (30000/1001). Kept rational because ffmpeg reports and
/// accepts rates that way, and converting to double would drift over long videos.
/// </summary>
public readonly record struct Rational(int Numerator, int Denominator)
{
    public bool IsValid => Numerator > 0 && Denominator > 0;

    public double ToDouble() => Denominator == 0 ? double.NaN : (double)Numerator / Denominator;

    /// <summary>Parses ffmpeg's "num/den" (or a plain integer); returns false for "0/0" and garbage.</summary>
    public static bool TryParse(string? text, out Rational value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        int slash = text.IndexOf('/', StringComparison.Ordinal);
        string num = slash < 0 ? text : text[..slash];
        string den = slash < 0 ? "1" : text[(slash + 1)..];
        if (!int.TryParse(num, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n)
            || !int.TryParse(den, NumberStyles.Integer, CultureInfo.InvariantCulture, out int d))
            return false;
        value = new Rational(n, d);
        return value.IsValid;
    }

    /// <summary>The "num/den" form ffmpeg options accept.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Numerator}/{Denominator}");
}
