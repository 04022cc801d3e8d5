using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using FaceMesh.Runtime.Kernels;

namespace FaceMesh.Runtime.Tests.Kernels;

/// <summary>
/// The partial loads and stores every kernel's last block of channels goes through: the first
/// <c>count</c> lanes exactly, zeros in the other lanes of a load, and no float past the last
/// lane written.
/// </summary>
public sealed unsafe class VectorTailTests
{
    private const float Untouched = -12345.5f;

    public static TheoryData<int, int> Counts()
    {
        var data = new TheoryData<int, int>();
        foreach (int bits in new[] { 256, 512 })
        {
            for (int count = 0; count <= bits / 32; count++) data.Add(bits, count);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Counts))]
    public void A_partial_store_writes_exactly_the_first_lanes(int bits, int count)
    {
        if (!Supported(bits)) return;
        int lanes = bits / 32;
        float[] values = Enumerable.Range(1, lanes).Select(i => -0.25f * i).ToArray();
        float[] memory = Enumerable.Repeat(Untouched, 3 * lanes).ToArray();
        fixed (float* v = values)
        fixed (float* m = memory)
        {
            if (bits == 256) VectorOps.StoreFirst(m + lanes, Vector256.Load(v), count);
            else VectorOps.StoreFirst(m + lanes, Vector512.Load(v), count);
        }
        for (int i = 0; i < memory.Length; i++)
        {
            float expected = i >= lanes && i < lanes + count ? values[i - lanes] : Untouched;
            Assert.True(BitConverter.SingleToInt32Bits(expected) == BitConverter.SingleToInt32Bits(memory[i]),
                $"float {i}: expected {expected}, found {memory[i]}");
        }
    }

    [Theory]
    [MemberData(nameof(Counts))]
    public void A_partial_load_reads_the_first_lanes_and_zeros_the_others(int bits, int count)
    {
        if (!Supported(bits)) return;
        int lanes = bits / 32;
        float[] memory = Enumerable.Range(1, 2 * lanes).Select(i => -1.5f * i).ToArray();
        float[] loaded = new float[lanes];
        fixed (float* m = memory)
        fixed (float* l = loaded)
        {
            if (bits == 256) VectorOps.LoadFirst<Vector256<float>>(m + 3, count).Store(l);
            else VectorOps.LoadFirst<Vector512<float>>(m + 3, count).Store(l);
        }
        for (int lane = 0; lane < lanes; lane++)
        {
            int expected = BitConverter.SingleToInt32Bits(lane < count ? memory[3 + lane] : 0f);
            Assert.True(expected == BitConverter.SingleToInt32Bits(loaded[lane]), $"lane {lane}: found {loaded[lane]}");
        }
    }

    private static bool Supported(int bits) => bits == 256 ? Avx2.IsSupported && Fma.IsSupported : Avx512F.IsSupported;
}
