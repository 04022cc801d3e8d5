using System.Numerics;
using FaceMesh.Effects;
using FaceMesh.Imaging;

namespace FaceMesh.Evaluation;

/// <summary>A 3x5 pixel font for the digits, '.', '-', '%' and the legend's few letters: enough to label a plot without a font library.</summary>
internal static class PixelFont
{
    private const int GlyphWidth = 3, GlyphHeight = 5;

    // Rows top to bottom, '#' = ink.
    private static readonly Dictionary<char, string> Glyphs = new()
    {
        ['0'] = "####.##.##.####", ['1'] = ".#.##..#..#.###", ['2'] = "###..#####..###", ['3'] = "###..####..####",
        ['4'] = "#.##.####..#..#", ['5'] = "####..###..####", ['6'] = "####..####.####", ['7'] = "###..#..#..#..#",
        ['8'] = "####.#####.####", ['9'] = "####.####..####", ['.'] = "............#..", ['-'] = "......###......",
        ['%'] = "#.#..#.#.#.#..#", ['c'] = "...####..#..###", ['o'] = "...####.##.####", ['r'] = "...####..#..#..",
        ['e'] = "####.####..####", ['a'] = "###..#####.####", ['l'] = "#..#..#..#..###",
    };

    /// <summary>Draws <paramref name="text"/> centred horizontally on <paramref name="topCentre"/>; unknown characters leave a gap.</summary>
    public static void DrawCentered(ImageBuffer image, string text, Vector2 topCentre, int scale, Rgb color)
    {
        float advance = (GlyphWidth + 1) * scale;
        float x = topCentre.X - (text.Length * advance - scale) / 2;
        foreach (char c in text)
        {
            if (Glyphs.TryGetValue(c, out string? glyph))
                for (int row = 0; row < GlyphHeight; row++)
                    for (int column = 0; column < GlyphWidth; column++)
                        if (glyph[row * GlyphWidth + column] == '#')
                            Fill(image, (int)MathF.Round(x) + column * scale, (int)MathF.Round(topCentre.Y) + row * scale, scale, color);
            x += advance;
        }
    }

    private static void Fill(ImageBuffer image, int left, int top, int size, Rgb color)
    {
        for (int y = Math.Max(0, top); y < Math.Min(image.Height, top + size); y++)
        {
            Span<byte> row = image.Span.Slice(y * image.Stride, image.Width * 3);
            for (int x = Math.Max(0, left); x < Math.Min(image.Width, left + size); x++)
            {
                row[3 * x] = color.R;
                row[3 * x + 1] = color.G;
                row[3 * x + 2] = color.B;
            }
        }
    }
}
