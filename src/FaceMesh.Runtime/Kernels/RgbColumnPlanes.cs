using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace FaceMesh.Runtime.Kernels;

/// <summary>
/// One RGB row of a stride-2 convolution's input, split into six planes: one per channel and
/// parity of the framed column (frame column = input column + left padding). Output pixel x of
/// filter column kx reads frame column 2x + kx, which is plane (channel, kx &amp; 1) at index
/// x + kx / 2: sixteen neighbouring output pixels read one contiguous vector. Plane entries no
/// input column lands on stay zero, which is the padding.
/// </summary>
internal static unsafe class RgbColumnPlanes
{
    public const int Channels = 3;
    public const int Count = 2 * Channels;
    private const int ChunkPixels = 32;

    // Two rounds of two-source permutes, no blends. Channel c of 16 pixels (48 floats, three
    // vectors) takes float 3i + c into lane i: from the first two vectors (First), then lanes
    // past them from the third (Second keeps the others). Then the parities of 32 pixels:
    // lanes 2i (Evens) and 2i + 1 (Odds) of the two 16-pixel vectors.
    private static readonly Vector512<int>[] First = PerChannel((i, c) => (3 * i + c) & 31);
    private static readonly Vector512<int>[] Second = PerChannel((i, c) => 3 * i + c < 32 ? i : 3 * i + c - 16);
    private static readonly Vector512<int> Evens = Vector512<int>.Indices * 2;
    private static readonly Vector512<int> Odds = Vector512<int>.Indices * 2 + Vector512<int>.One;

    /// <summary>The plane of <paramref name="channel"/> and frame-column parity <paramref name="parity"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float* Plane(float* planes, int planeFloats, int channel, int parity) => planes + (parity * Channels + channel) * planeFloats;

    /// <summary>Floats per plane: every index the splitter writes and every vector a sweep of <paramref name="outputWidth"/> reads.</summary>
    public static int PlaneFloats(int inputWidth, int padLeft, int outputWidth, int kernelWidth) =>
        SimdSupport.RoundUp(Math.Max(inputWidth / 2 + (padLeft + 1) / 2 + 1, outputWidth + (kernelWidth - 1) / 2));

    /// <summary>Writes the <paramref name="width"/> pixels of <paramref name="row"/> into the planes; other entries are left as they are.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Split(float* row, int width, int padLeft, float* planes, int planeFloats)
    {
        Vector512<int> first0 = First[0], first1 = First[1], first2 = First[2];
        Vector512<int> second0 = Second[0], second1 = Second[1], second2 = Second[2];
        Vector512<int> evens = Evens, odds = Odds;
        // Chunk pixel 2i + q sits at frame column x + 2i + q + padLeft.
        int evenParity = padLeft & 1, evenShift = padLeft >> 1, oddParity = (padLeft + 1) & 1, oddShift = (padLeft + 1) >> 1;
        int x = 0;
        for (; x + ChunkPixels <= width; x += ChunkPixels)
        {
            float* source = row + x * Channels;
            Vector512<float> a0 = Vector512.Load(source), a1 = Vector512.Load(source + 16), a2 = Vector512.Load(source + 32);
            Vector512<float> b0 = Vector512.Load(source + 48), b1 = Vector512.Load(source + 64), b2 = Vector512.Load(source + 80);
            int evenAt = x / 2 + evenShift, oddAt = x / 2 + oddShift;
            Channel(a0, a1, a2, b0, b1, b2, first0, second0, evens, odds,
                Plane(planes, planeFloats, 0, evenParity) + evenAt, Plane(planes, planeFloats, 0, oddParity) + oddAt);
            Channel(a0, a1, a2, b0, b1, b2, first1, second1, evens, odds,
                Plane(planes, planeFloats, 1, evenParity) + evenAt, Plane(planes, planeFloats, 1, oddParity) + oddAt);
            Channel(a0, a1, a2, b0, b1, b2, first2, second2, evens, odds,
                Plane(planes, planeFloats, 2, evenParity) + evenAt, Plane(planes, planeFloats, 2, oddParity) + oddAt);
        }
        for (; x < width; x++)
        {
            int column = x + padLeft;
            for (int c = 0; c < Channels; c++) Plane(planes, planeFloats, c, column & 1)[column >> 1] = row[x * Channels + c];
        }
    }

    /// <summary>One channel of 32 pixels (a: pixels 0-15, b: 16-31) to its even- and odd-pixel planes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Channel(Vector512<float> a0, Vector512<float> a1, Vector512<float> a2, Vector512<float> b0, Vector512<float> b1,
        Vector512<float> b2, Vector512<int> first, Vector512<int> second, Vector512<int> evens, Vector512<int> odds, float* evenPixels, float* oddPixels)
    {
        Vector512<float> low = Avx512F.PermuteVar16x32x2(Avx512F.PermuteVar16x32x2(a0, first, a1), second, a2);
        Vector512<float> high = Avx512F.PermuteVar16x32x2(Avx512F.PermuteVar16x32x2(b0, first, b1), second, b2);
        Avx512F.PermuteVar16x32x2(low, evens, high).Store(evenPixels);
        Avx512F.PermuteVar16x32x2(low, odds, high).Store(oddPixels);
    }

    private static Vector512<int>[] PerChannel(Func<int, int, int> lane)
    {
        var table = new Vector512<int>[Channels];
        var values = new int[16];
        for (int c = 0; c < Channels; c++)
        {
            for (int i = 0; i < 16; i++) values[i] = lane(i, c);
            table[c] = Vector512.Create(values);
        }
        return table;
    }
}
