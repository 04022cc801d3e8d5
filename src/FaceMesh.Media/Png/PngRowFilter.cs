namespace FaceMesh.Media.Png;

/// <summary>
/// Undoes PNG's per-row filters (None, Sub, Up, Average, Paeth) in place. Each predicts a byte
/// from the byte one pixel to the left (a), the byte above (b) and the one above-left (c); the
/// row above is all zero for the first row.
/// </summary>
internal static class PngRowFilter
{
    public const byte None = 0, Sub = 1, Up = 2, Average = 3, Paeth = 4;

    /// <param name="bytesPerPixel">The distance to the left neighbour in bytes.</param>
    /// <returns>False for an undefined filter type.</returns>
    public static bool TryUnfilter(byte filter, Span<byte> row, ReadOnlySpan<byte> above, int bytesPerPixel)
    {
        above = above[..row.Length];
        switch (filter)
        {
            case None:
                return true;
            case Sub:
                for (int i = bytesPerPixel; i < row.Length; i++) row[i] += row[i - bytesPerPixel];
                return true;
            case Up:
                for (int i = 0; i < row.Length; i++) row[i] += above[i];
                return true;
            case Average:
                for (int i = 0; i < bytesPerPixel && i < row.Length; i++) row[i] += (byte)(above[i] >> 1);
                for (int i = bytesPerPixel; i < row.Length; i++) row[i] += (byte)((row[i - bytesPerPixel] + above[i]) >> 1);
                return true;
            case Paeth:
                for (int i = 0; i < bytesPerPixel && i < row.Length; i++) row[i] += above[i]; // a = c = 0 predicts b
                for (int i = bytesPerPixel; i < row.Length; i++)
                    row[i] += Predict(row[i - bytesPerPixel], above[i], above[i - bytesPerPixel]);
                return true;
            default:
                return false;
        }
    }

    /// <summary>The neighbour closest to a + b - c; ties go to a, then b.</summary>
    private static byte Predict(byte a, byte b, byte c)
    {
        int pa = Math.Abs(b - c);
        int pb = Math.Abs(a - c);
        int pc = Math.Abs(a + b - c - c);
        if (pa <= pb && pa <= pc) return a;
        return pb <= pc ? b : c;
    }
}
