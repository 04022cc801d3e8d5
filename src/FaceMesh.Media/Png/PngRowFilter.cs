using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

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
                int start = bytesPerPixel >= 3 && Vector128.IsHardwareAccelerated ? PaethPixels(ref x, ref b, length, bytesPerPixel) : bytesPerPixel;
                for (int i = start; i < length; i++)
                    Unsafe.Add(ref x, i) += Predict(Unsafe.Add(ref x, i - bytesPerPixel), Unsafe.Add(ref b, i), Unsafe.Add(ref b, i - bytesPerPixel));
                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// Paeth for RGB and RGBA rows one whole pixel at a time, the channels side by side in 16-bit
    /// lanes: each pixel waits for the one to its left, so per-pixel vectors shorten that chain
    /// where per-byte code runs it once per channel. Same choice and tie order as
    /// <see cref="Predict"/>, so the same bytes. Reads and writes four bytes a pixel, so it stops
    /// where a 3-byte pixel's fourth byte would pass the row's end.
    /// </summary>
    /// <returns>The first byte left for the per-byte loop.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int PaethPixels(ref byte x, ref byte b, int length, int bytesPerPixel)
    {
        if (length < bytesPerPixel + 4) return bytesPerPixel;
        Vector128<short> left = Widen(Unsafe.ReadUnaligned<uint>(ref x)); // the first pixel, already unfiltered
        int i = bytesPerPixel;
        for (; i + 4 <= length; i += bytesPerPixel)
        {
            Vector128<short> up = Widen(Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref b, i)));
            Vector128<short> upLeft = Widen(Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref b, i - bytesPerPixel)));
            Vector128<short> fromUp = up - upLeft, fromLeft = left - upLeft;
            Vector128<short> pa = Vector128.Abs(fromUp), pb = Vector128.Abs(fromLeft), pc = Vector128.Abs(fromUp + fromLeft);
            Vector128<short> takeLeft = Vector128.LessThanOrEqual(pa, pb) & Vector128.LessThanOrEqual(pa, pc);
            Vector128<short> upOrUpLeft = Vector128.ConditionalSelect(Vector128.LessThanOrEqual(pb, pc), up, upLeft);
            Vector128<short> predicted = Vector128.ConditionalSelect(takeLeft, left, upOrUpLeft);
            ref byte target = ref Unsafe.Add(ref x, i);
            left = (Widen(Unsafe.ReadUnaligned<uint>(ref target)) + predicted) & Vector128.Create((short)0xFF);
            uint pixel = Vector128.Narrow(left, left).AsUInt32().ToScalar();
            if (bytesPerPixel == 4)
            {
                Unsafe.WriteUnaligned(ref target, pixel);
            }
            else
            {
                Unsafe.WriteUnaligned(ref target, (ushort)pixel);
                Unsafe.Add(ref target, 2) = (byte)(pixel >> 16);
            }
        }
        return i;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<short> Widen(uint fourBytes) => Vector128.WidenLower(Vector128.CreateScalarUnsafe(fourBytes).AsByte()).AsInt16();

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
