using FaceMesh.Runtime.Model;

namespace FaceMesh.Runtime.Graph;

/// <summary>Shape arithmetic shared by the graph compiler and the kernels.</summary>
internal static class ShapeMath
{
    public static long ElementCount(IReadOnlyList<int> shape)
    {
        long count = 1;
        foreach (int extent in shape) count *= extent;
        return count;
    }

    public static string Format(IReadOnlyList<int> shape) => "[" + string.Join(",", shape) + "]";

    public static bool SameShape(IReadOnlyList<int> a, IReadOnlyList<int> b)
    {
        if (a.Count != b.Count) return false;
        for (int i = 0; i < a.Count; i++)
            if (a[i] != b[i]) return false;
        return true;
    }

    /// <summary>Output extent of a windowed op along one axis, TFLite's SAME/VALID rule.</summary>
    public static int WindowOutput(Padding padding, int input, int kernel, int stride, int dilation)
    {
        int effective = (kernel - 1) * dilation + 1;
        return padding == Padding.Same
            ? (input + stride - 1) / stride
            : Math.Max(0, (input - effective + stride) / stride);
    }

    /// <summary>Padding before the first element (top or left); SAME puts the odd extra cell after.</summary>
    public static int PaddingBefore(Padding padding, int input, int kernel, int stride, int dilation, int output)
    {
        if (padding == Padding.Valid) return 0;
        int effective = (kernel - 1) * dilation + 1;
        int total = Math.Max((output - 1) * stride + effective - input, 0);
        return total / 2;
    }
}
