using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FaceMesh.Media.Png;

/// <summary>
/// Undoes PNG's per-row filters (None, Sub, Up, Average, Paeth) in place. Each predicts a byte
/// from the byte one pixel to the left (a), the byte above (b) and the one above-left (c); the
/// row above is all zero for the first row.
/// </summary>
/// <remarks>
/// Fully optimised from the first call (a process decodes a handful of images, too few for tiered
/// compilation to reach these loops in time), and without per-byte bounds checks: the row and the
/// row above have the same length, checked once, and every index stays below it.
/// </remarks>
internal static class PngRowFilter
{
    public const byte None = 0, Sub = 1, Up = 2, Average = 3, Paeth = 4;

    /// <param name="bytesPerPixel">The distance to the left neighbour in bytes (1..4 at 8 bits).</param>
    /// <returns>False for an undefined filter type.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryUnfilter(byte filter, Span<byte> row, ReadOnlySpan<byte> above, int bytesPerPixel)
    {
        if (above.Length < row.Length || bytesPerPixel is < 1 or > 4) throw new ArgumentException("The row above is shorter than the row.");
        int length = row.Length;
        int first = Math.Min(bytesPerPixel, length);
        ref byte x = ref MemoryMarshal.GetReference(row);
        ref byte b = ref MemoryMarshal.GetReference(above);
        switch (filter)
        {
            case None:
                return true;
            case Sub:
                for (int i = bytesPerPixel; i < length; i++) Unsafe.Add(ref x, i) += Unsafe.Add(ref x, i - bytesPerPixel);
                return true;
            case Up:
                for (int i = 0; i < length; i++) Unsafe.Add(ref x, i) += Unsafe.Add(ref b, i);
                return true;
            case Average:
                for (int i = 0; i < first; i++) Unsafe.Add(ref x, i) += (byte)(Unsafe.Add(ref b, i) >> 1);
                for (int i = bytesPerPixel; i < length; i++)
                    Unsafe.Add(ref x, i) += (byte)((Unsafe.Add(ref x, i - bytesPerPixel) + Unsafe.Add(ref b, i)) >> 1);
                return true;
            case Paeth:
                for (int i = 0; i < first; i++) Unsafe.Add(ref x, i) += Unsafe.Add(ref b, i); // a = c = 0 predicts b
                for (int i = bytesPerPixel; i < length; i++)
                    Unsafe.Add(ref x, i) += Predict(Unsafe.Add(ref x, i - bytesPerPixel), Unsafe.Add(ref b, i), Unsafe.Add(ref b, i - bytesPerPixel));
                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// The neighbour closest to a + b - c; ties go to a, then b. Branch-free: photographs make the
    /// choice unpredictable, and mispredicted branches cost more than computing all three.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static byte Predict(int a, int b, int c)
    {
        int pa = Abs(b - c);
        int pb = Abs(a - c);
        int pc = Abs(a + b - c - c);
        int notA = ((pb - pa) | (pc - pa)) >> 31; // all ones when b or c is strictly closer than a
        int notB = (pc - pb) >> 31;               // all ones when c is strictly closer than b
        int bOrC = (b & ~notB) | (c & notB);
        return (byte)((a & ~notA) | (bOrC & notA));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Abs(int value)
    {
        int sign = value >> 31;
        return (value ^ sign) - sign;
    }
}
