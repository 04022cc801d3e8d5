using FaceMesh.Runtime.Graph;
using FaceMesh.Runtime.Model;

namespace FaceMesh.Runtime.Kernels;

/// <summary>NumPy-style broadcasting of two shapes, right-aligned, padded to a fixed rank.</summary>
internal sealed class BroadcastShape
{
    public const int MaxRank = 6;

    private BroadcastShape(int[] output, long[] stridesA, long[] stridesB)
    {
        Output = output;
        StridesA = stridesA;
        StridesB = stridesB;
    }

    /// <summary>The broadcast output shape, padded with leading 1s to <see cref="MaxRank"/>.</summary>
    public int[] Output { get; }

    /// <summary>Element strides of each operand per output dimension; 0 where the operand is broadcast.</summary>
    public long[] StridesA { get; }
    public long[] StridesB { get; }

    /// <summary>The broadcast shape at the larger operand rank (for comparing with the model), or null if incompatible.</summary>
    public static int[]? ResultShape(IReadOnlyList<int> a, IReadOnlyList<int> b)
    {
        int rank = Math.Max(a.Count, b.Count);
        var result = new int[rank];
        for (int i = 0; i < rank; i++)
        {
            int da = i < rank - a.Count ? 1 : a[i - (rank - a.Count)];
            int db = i < rank - b.Count ? 1 : b[i - (rank - b.Count)];
            if (da != db && da != 1 && db != 1) return null;
            result[i] = da == 1 ? db : da;
        }
        return result;
    }

    public static BroadcastShape Create(IReadOnlyList<int> a, IReadOnlyList<int> b)
    {
        int[] pa = Pad(a), pb = Pad(b);
        var output = new int[MaxRank];
        for (int i = 0; i < MaxRank; i++) output[i] = Math.Max(pa[i], pb[i]);
        return new BroadcastShape(output, Strides(pa, output), Strides(pb, output));
    }

    private static int[] Pad(IReadOnlyList<int> shape)
    {
        if (shape.Count > MaxRank) throw new UnsupportedModelException($"Rank {shape.Count} exceeds the supported {MaxRank}.");
        var padded = new int[MaxRank];
        int offset = MaxRank - shape.Count;
        for (int i = 0; i < MaxRank; i++) padded[i] = i < offset ? 1 : shape[i - offset];
        return padded;
    }

    private static long[] Strides(int[] shape, int[] output)
    {
        var strides = new long[MaxRank];
        long stride = 1;
        for (int i = MaxRank - 1; i >= 0; i--)
        {
            strides[i] = shape[i] == 1 && output[i] != 1 ? 0 : stride;
            stride *= shape[i];
        }
        return strides;
    }

    public long ElementCount => ShapeMath.ElementCount(Output);
}
