using FaceMesh.Runtime.Graph;
using FaceMesh.Runtime.Kernels;

namespace FaceMesh.Runtime.Tests.Kernels;

/// <summary>Runs one kernel on its own, on an arena holding its output first and its input after it.</summary>
internal static unsafe class KernelArena
{
    /// <summary>
    /// The output after running the kernel's work units in <paramref name="splits"/> calls. Output
    /// first, input after it: a read past either end meets the other tensor, not zeros; the output
    /// starts as NaN, so a value the kernel never writes shows.
    /// </summary>
    public static float[] Run(Kernel kernel, float[] x, int input, int output, int outputSize, int splits = 1)
    {
        var arena = new float[outputSize + x.Length];
        arena.AsSpan(0, outputSize).Fill(float.NaN);
        x.CopyTo(arena, outputSize);
        var offsets = new long[Math.Max(input, output) + 1];
        offsets[output] = 0;
        offsets[input] = outputSize;
        fixed (float* a = arena)
        fixed (long* o = offsets)
        {
            var map = new TensorMap(a, o);
            int units = kernel.WorkUnits;
            for (int s = 0; s < splits; s++) kernel.Run(map, units * s / splits, units * (s + 1) / splits);
        }
        return arena.AsSpan(0, outputSize).ToArray();
    }
}
