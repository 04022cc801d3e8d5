using System.Numerics;
using FaceMesh.Imaging;

namespace FaceMesh.Effects.Tests;

public sealed class DrawTests
{
    private static readonly Rgb Red = new(255, 0, 0);

    [Theory]
    [InlineData(PixelFormat.Rgb24)]
    [InlineData(PixelFormat.Bgr24)]
    [InlineData(PixelFormat.Rgba32)]
    [InlineData(PixelFormat.Bgra32)]
    public void Horizontal_line_colours_its_row_in_any_format(PixelFormat format)
    {
        using ImageBuffer image = TestImages.Filled(20, 10, format, 0, 0, 0);
        Draw.Line(image, new Vector2(2, 5.5f), new Vector2(18, 5.5f), Red);

        Assert.Equal((255, 0, 0), TestImages.Pixel(image, 10, 5));
        Assert.Equal((0, 0, 0), TestImages.Pixel(image, 10, 3));
        Assert.Equal((0, 0, 0), TestImages.Pixel(image, 10, 7));
        if (format.BytesPerPixel() == 4) Assert.Equal(255, image.Row(5)[10 * 4 + 3]);
    }

    [Fact]
    public void Diagonal_line_is_anti_aliased()
    {
        using ImageBuffer image = TestImages.Filled(20, 20, PixelFormat.Rgb24, 0, 0, 0);
        Draw.Line(image, new Vector2(1, 1), new Vector2(19, 13), Red);

        var reds = Enumerable.Range(0, 20).SelectMany(y => Enumerable.Range(0, 20).Select(x => TestImages.Pixel(image, x, y).R)).ToArray();
        Assert.Contains(reds, r => r is > 20 and < 230);
        // Width-true: each column carries about one pixel of ink per 1/cos(slope) of line.
        double expected = Math.Sqrt(1 + Math.Pow(12.0 / 18, 2));
        for (int x = 4; x < 17; x++)
        {
            double column = Enumerable.Range(0, 20).Sum(y => TestImages.Pixel(image, x, y).R / 255.0);
            Assert.InRange(column, expected * 0.85, expected * 1.15);
        }
    }

    [Fact]
    public void Thick_line_covers_its_width()
    {
        using ImageBuffer image = TestImages.Filled(30, 30, PixelFormat.Rgb24, 0, 0, 0);
        Draw.Line(image, new Vector2(5, 15), new Vector2(25, 15), Red, width: 6);

        int fullRows = Enumerable.Range(0, 30).Count(y => TestImages.Pixel(image, 15, y).R == 255);
        Assert.Equal(6, fullRows);
    }

    [Fact]
    public void Shapes_outside_the_image_or_not_finite_change_nothing_and_never_throw()
    {
        using ImageBuffer image = TestImages.Filled(16, 16, PixelFormat.Rgb24, 9, 9, 9);
        byte[] before = image.Span.ToArray();

        Draw.Line(image, new Vector2(-50, -50), new Vector2(-10, -3), Red, 3);
        Draw.Line(image, new Vector2(float.NaN, 2), new Vector2(5, 5), Red);
        Draw.Line(image, new Vector2(float.PositiveInfinity, 2), new Vector2(5, 5), Red);
        Draw.Line(image, new Vector2(1e30f, 1e30f), new Vector2(2e30f, 1e30f), Red);
        Draw.Line(image, new Vector2(2, 2), new Vector2(8, 8), Red, width: float.NaN);
        Draw.Circle(image, new Vector2(100, 5), 3, Red);
        Draw.Circle(image, new Vector2(5, float.NaN), 3, Red);
        Draw.Circle(image, new Vector2(5, 5), float.NaN, Red);
        Draw.Circle(image, new Vector2(5, 5), 3, Red, opacity: 0);

        Assert.True(before.AsSpan().SequenceEqual(image.Span));
    }

    [Fact]
    public void Line_crossing_the_border_is_clipped()
    {
        using ImageBuffer image = TestImages.Filled(16, 16, PixelFormat.Rgb24, 0, 0, 0);
        Draw.Line(image, new Vector2(-1000, 8.5f), new Vector2(1000, 8.5f), Red, 2);
        Draw.Line(image, new Vector2(3.5f, -1e9f), new Vector2(3.5f, 1e9f), Red);
        Assert.Equal((255, 0, 0), TestImages.Pixel(image, 0, 8));
        Assert.Equal((255, 0, 0), TestImages.Pixel(image, 15, 8));
        Assert.Equal((255, 0, 0), TestImages.Pixel(image, 3, 0));
        Assert.Equal((255, 0, 0), TestImages.Pixel(image, 3, 15));
    }

    [Fact]
    public void Circle_is_solid_inside_soft_at_the_rim()
    {
        using ImageBuffer image = TestImages.Filled(20, 20, PixelFormat.Rgb24, 0, 0, 0);
        Draw.Circle(image, new Vector2(10, 10), 4, Red);

        Assert.Equal(255, TestImages.Pixel(image, 10, 10).R);
        Assert.Equal(255, TestImages.Pixel(image, 12, 10).R);
        Assert.Equal(0, TestImages.Pixel(image, 16, 10).R);
        byte rim = TestImages.Pixel(image, 13, 12).R; // centre 4.3 px away
        Assert.InRange(rim, 1, 254);
    }

    [Fact]
    public void Opacity_blends_with_the_background()
    {
        using ImageBuffer image = TestImages.Filled(8, 8, PixelFormat.Rgb24, 0, 0, 200);
        Draw.Circle(image, new Vector2(4, 4), 3, Red, opacity: 0.5f);
        Assert.Equal((128, 0, 100), TestImages.Pixel(image, 4, 4));
    }
}
