using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace FaceMesh.Cli.Rendering;

/// <summary>
/// Where <see cref="PlaneStrokes"/> draws: one 8-bit plane (Y), or two of the same size drawn with
/// the same coverage (U and V), each with the value the stroke's colour has in that plane.
/// </summary>
internal readonly ref struct PlaneTarget
{
    public PlaneTarget(Span<byte> first, byte firstValue, Span<byte> second, byte secondValue, int width, int height)
    {
        if (first.Length < width * height || (!second.IsEmpty && second.Length < width * height))
            throw new ArgumentException($"A plane is smaller than {width}x{height}.");
        First = first;
        FirstValue = firstValue;
        Second = second;
        SecondValue = secondValue;
        Width = width;
        Height = height;
        _hasSecond = !second.IsEmpty;
    }

    private readonly bool _hasSecond;

    public Span<byte> First { get; }
    public byte FirstValue { get; }
    /// <summary>Empty when only one plane is drawn on.</summary>
    public Span<byte> Second { get; }
    public byte SecondValue { get; }
    public int Width { get; }
    public int Height { get; }

    /// <summary>Mixes the stroke's values into pixel <paramref name="index"/> by <paramref name="weight"/> (1..256 = 0..1).</summary>
    /// <remarks>
    /// Unchecked: it runs once per stroked pixel (perf had bounds checks and the call itself at a
    /// sixth of drawing a mesh), and <see cref="PlaneStrokes"/> clips every stroke to
    /// <see cref="Width"/> x <see cref="Height"/>, which the constructor checked both planes hold.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Blend(int index, int weight)
    {
        Debug.Assert((uint)index < (uint)(Width * Height));
        ref byte first = ref Unsafe.Add(ref MemoryMarshal.GetReference(First), index);
        first = (byte)(first + (((FirstValue - first) * weight + 128) >> 8));
        if (_hasSecond)
        {
            ref byte second = ref Unsafe.Add(ref MemoryMarshal.GetReference(Second), index);
            second = (byte)(second + (((SecondValue - second) * weight + 128) >> 8));
        }
    }

    /// <summary>
    /// <see cref="Blend"/> on the eight pixels from <paramref name="index"/> with one weight (0..256)
    /// each, in 32-bit lanes so every pixel gets the same integer result. Unchecked like it: the
    /// caller keeps all eight inside one row.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void BlendEight(int index, Vector256<int> weights)
    {
        Debug.Assert(index >= 0 && index + 8 <= Width * Height);
        BlendEight(ref Unsafe.Add(ref MemoryMarshal.GetReference(First), index), FirstValue, weights);
        if (_hasSecond) BlendEight(ref Unsafe.Add(ref MemoryMarshal.GetReference(Second), index), SecondValue, weights);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void BlendEight(ref byte pixels, byte value, Vector256<int> weights)
    {
        Vector256<int> before = Vector256.WidenLower(Vector256.WidenLower(Vector256.CreateScalar(Unsafe.ReadUnaligned<ulong>(ref pixels)).AsByte())).AsInt32();
        Vector256<int> after = before + (((Vector256.Create((int)value) - before) * weights + Vector256.Create(128)) >> 8);
        Vector256<ushort> words = Vector256.Narrow(after.AsUInt32(), after.AsUInt32());
        Unsafe.WriteUnaligned(ref pixels, Vector256.Narrow(words, words).AsUInt64().ToScalar());
    }
}
