using FaceMesh.Media.Png;

namespace FaceMesh.Media.Tests;

/// <summary>The branch-free filters against the PNG specification's own formulation, on every input.</summary>
public sealed class PngRowFilterTests
{
    [Fact]
    public void Paeth_matches_the_specifications_predictor_for_every_neighbour_triple()
    {
        Span<byte> row = stackalloc byte[2];
        Span<byte> above = stackalloc byte[2];
        int mismatches = 0;
        for (int a = 0; a < 256; a++)
            for (int b = 0; b < 256; b++)
                for (int c = 0; c < 256; c++)
                {
                    // Byte 0 has no left neighbour, so it predicts from above (c) and becomes a; byte 1 then sees a, b, c.
                    above[0] = (byte)c;
                    above[1] = (byte)b;
                    row[0] = (byte)(a - c);
                    row[1] = 0;
                    Assert.True(PngRowFilter.TryUnfilter(PngRowFilter.Paeth, row, above, 1));
                    if (row[0] != a || row[1] != SpecificationPaeth(a, b, c)) mismatches++;
                }
        Assert.Equal(0, mismatches);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    public void Paeth_on_whole_pixels_matches_the_specification_on_random_rows_of_every_length(int bytesPerPixel)
    {
        var random = new Random(bytesPerPixel);
        for (int pixels = 1; pixels <= 40; pixels++)
            for (int trial = 0; trial < 50; trial++)
            {
                int length = pixels * bytesPerPixel;
                byte[] row = new byte[length], above = new byte[length];
                random.NextBytes(row);
                random.NextBytes(above);
                // Runs of equal bytes make the ties that decide between a, b and c.
                if (trial % 3 == 0) Array.Fill(above, (byte)random.Next(256), 0, length / 2);
                byte[] expected = (byte[])row.Clone();
                for (int i = 0; i < length; i++)
                {
                    int a = i >= bytesPerPixel ? expected[i - bytesPerPixel] : 0, c = i >= bytesPerPixel ? above[i - bytesPerPixel] : 0;
                    expected[i] = (byte)(expected[i] + SpecificationPaeth(a, above[i], c));
                }
                Assert.True(PngRowFilter.TryUnfilter(PngRowFilter.Paeth, row, above, bytesPerPixel));
                Assert.Equal(expected, row);
            }
    }

    [Theory]
    [InlineData(PngRowFilter.None, new byte[] { 10, 20, 30, 250, 6, 7 })]
    [InlineData(PngRowFilter.Sub, new byte[] { 10, 20, 40, 14, 46, 21 })]
    [InlineData(PngRowFilter.Up, new byte[] { 110, 220, 30, 254, 106, 207 })]
    [InlineData(PngRowFilter.Average, new byte[] { 60, 120, 60, 56, 86, 135 })]
    public void Sub_up_and_average_add_their_predictions_modulo_256(byte filter, byte[] expected)
    {
        byte[] row = [10, 20, 30, 250, 6, 7];
        byte[] above = [100, 200, 0, 4, 100, 200];
        Assert.True(PngRowFilter.TryUnfilter(filter, row, above, 2));
        Assert.Equal(expected, row);
    }

    [Fact]
    public void An_undefined_filter_type_is_refused()
    {
        byte[] row = [1, 2, 3];
        Assert.False(PngRowFilter.TryUnfilter(5, row, new byte[3], 1));
    }

    private static int SpecificationPaeth(int a, int b, int c)
    {
        int p = a + b - c;
        int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        if (pa <= pb && pa <= pc) return a;
        if (pb <= pc) return b;
        return c;
    }
}
