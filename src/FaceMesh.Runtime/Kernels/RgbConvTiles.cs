using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace FaceMesh.Runtime.Kernels;

/// <summary>
/// Floats between neighbouring output pixels' windows in a 3-channel row (stride x 3), as a type
/// argument: the micro-kernels then address every pixel's input as one pointer plus a constant
/// displacement, with no per-pixel pointer registers.
/// </summary>
internal interface IPixelStep
{
    static abstract int Floats { get; }
}

internal readonly struct StrideOneStep : IPixelStep
{
    public static int Floats => 3;
}

internal readonly struct StrideTwoStep : IPixelStep
{
    public static int Floats => 6;
}

/// <summary>
/// Register-blocked micro-kernels of <see cref="RgbConv2DKernel"/>: a run of neighbouring output
/// pixels of one row, each input value broadcast against packed weight vectors of the output
/// channels. The filter rows arrive as pointers into zero-framed copies of the input rows, so
/// border pixels take the same path (and add the same zeros) as interior ones.
/// </summary>
internal static unsafe class RgbConvTiles
{
    public const int Pixels = 6;
    public const int WidePixels = 12;
    public const int WidePixelsTwoGroups = 10;
    public const int PixelsThreeGroups = 4;

    /// <summary>
    /// Six pixels x two channel groups, every tap added in order (the general kernel's two-vector
    /// panels do the same): 12 independent accumulators, enough to cover FMA latency.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void SixByTwo<T0, T1, TStep, TActivation>(float** rows, int offset, int filterRows, int rowLength, float* w, float* bias,
        float* output, int pixelFloats, in GroupStore<T0, TActivation> first, in GroupStore<T1, TActivation> second)
        where T0 : struct where T1 : struct where TStep : struct, IPixelStep where TActivation : struct, IActivationMode
    {
        int l0 = VectorOps.Count<T0>(), stride = l0 + VectorOps.Count<T1>(), s = TStep.Floats;
        T0 b0 = VectorOps.Load<T0>(bias);
        T1 b1 = VectorOps.Load<T1>(bias + l0);
        T0 c0 = b0, c1 = b0, c2 = b0, c3 = b0, c4 = b0, c5 = b0;
        T1 d0 = b1, d1 = b1, d2 = b1, d3 = b1, d4 = b1, d5 = b1;
        for (int ky = 0; ky < filterRows; ky++)
        {
            // Pointer steps, not an int index: a[k + s] costs a sign extension and an add per
            // broadcast, where a[s] is a displacement folded into the multiply-add.
            float* a = rows[ky] + offset, end = a + rowLength;
            for (; a < end; a++, w += stride)
            {
                T0 w0 = VectorOps.Load<T0>(w);
                T1 w1 = VectorOps.Load<T1>(w + l0);
                T0 x = VectorOps.Broadcast<T0>(a[0]);
                c0 = VectorOps.MultiplyAdd(x, w0, c0); d0 = VectorOps.MultiplyAdd(Narrow<T0, T1>(x), w1, d0);
                x = VectorOps.Broadcast<T0>(a[s]);
                c1 = VectorOps.MultiplyAdd(x, w0, c1); d1 = VectorOps.MultiplyAdd(Narrow<T0, T1>(x), w1, d1);
                x = VectorOps.Broadcast<T0>(a[2 * s]);
                c2 = VectorOps.MultiplyAdd(x, w0, c2); d2 = VectorOps.MultiplyAdd(Narrow<T0, T1>(x), w1, d2);
                x = VectorOps.Broadcast<T0>(a[3 * s]);
                c3 = VectorOps.MultiplyAdd(x, w0, c3); d3 = VectorOps.MultiplyAdd(Narrow<T0, T1>(x), w1, d3);
                x = VectorOps.Broadcast<T0>(a[4 * s]);
                c4 = VectorOps.MultiplyAdd(x, w0, c4); d4 = VectorOps.MultiplyAdd(Narrow<T0, T1>(x), w1, d4);
                x = VectorOps.Broadcast<T0>(a[5 * s]);
                c5 = VectorOps.MultiplyAdd(x, w0, c5); d5 = VectorOps.MultiplyAdd(Narrow<T0, T1>(x), w1, d5);
            }
        }
        // Local copies: through the references, the JIT reloaded the slopes and count at every store.
        GroupStore<T0, TActivation> low = first;
        GroupStore<T1, TActivation> high = second;
        float* o = output;
        low.Store(o, c0); high.Store(o + l0, d0); o += pixelFloats;
        low.Store(o, c1); high.Store(o + l0, d1); o += pixelFloats;
        low.Store(o, c2); high.Store(o + l0, d2); o += pixelFloats;
        low.Store(o, c3); high.Store(o + l0, d3); o += pixelFloats;
        low.Store(o, c4); high.Store(o + l0, d4); o += pixelFloats;
        low.Store(o, c5); high.Store(o + l0, d5);
    }

    /// <summary>
    /// Six pixels x one channel group. Even and odd taps of each filter row go to separate
    /// accumulators, summed at the end: 12 chains, and the general kernel's one-vector order.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void SixByOne<T, TStep, TActivation>(float** rows, int offset, int filterRows, int rowLength, float* w, float* bias,
        float* output, int pixelFloats, in GroupStore<T, TActivation> group)
        where T : struct where TStep : struct, IPixelStep where TActivation : struct, IActivationMode
    {
        int lanes = VectorOps.Count<T>(), s = TStep.Floats;
        T b = VectorOps.Load<T>(bias), z = VectorOps.Zero<T>();
        T c0 = b, c1 = b, c2 = b, c3 = b, c4 = b, c5 = b;
        T e0 = z, e1 = z, e2 = z, e3 = z, e4 = z, e5 = z;
        for (int ky = 0; ky < filterRows; ky++)
        {
            float* a = rows[ky] + offset, last = a + rowLength - 1;
            for (; a < last; a += 2, w += 2 * lanes)
            {
                T w0 = VectorOps.Load<T>(w), w1 = VectorOps.Load<T>(w + lanes);
                c0 = VectorOps.MultiplyAdd(VectorOps.Broadcast<T>(a[0]), w0, c0);
                c1 = VectorOps.MultiplyAdd(VectorOps.Broadcast<T>(a[s]), w0, c1);
                c2 = VectorOps.MultiplyAdd(VectorOps.Broadcast<T>(a[2 * s]), w0, c2);
                c3 = VectorOps.MultiplyAdd(VectorOps.Broadcast<T>(a[3 * s]), w0, c3);
                c4 = VectorOps.MultiplyAdd(VectorOps.Broadcast<T>(a[4 * s]), w0, c4);
                c5 = VectorOps.MultiplyAdd(VectorOps.Broadcast<T>(a[5 * s]), w0, c5);
                e0 = VectorOps.MultiplyAdd(VectorOps.Broadcast<T>(a[1]), w1, e0);
                e1 = VectorOps.MultiplyAdd(VectorOps.Broadcast<T>(a[1 + s]), w1, e1);
                e2 = VectorOps.MultiplyAdd(VectorOps.Broadcast<T>(a[1 + 2 * s]), w1, e2);
                e3 = VectorOps.MultiplyAdd(VectorOps.Broadcast<T>(a[1 + 3 * s]), w1, e3);
                e4 = VectorOps.MultiplyAdd(VectorOps.Broadcast<T>(a[1 + 4 * s]), w1, e4);
                e5 = VectorOps.MultiplyAdd(VectorOps.Broadcast<T>(a[1 + 5 * s]), w1, e5);
            }
            if (a == last)
            {
                T w0 = VectorOps.Load<T>(w);
                c0 = VectorOps.MultiplyAdd(VectorOps.Broadcast<T>(a[0]), w0, c0);
                c1 = VectorOps.MultiplyAdd(VectorOps.Broadcast<T>(a[s]), w0, c1);
                c2 = VectorOps.MultiplyAdd(VectorOps.Broadcast<T>(a[2 * s]), w0, c2);
                c3 = VectorOps.MultiplyAdd(VectorOps.Broadcast<T>(a[3 * s]), w0, c3);
                c4 = VectorOps.MultiplyAdd(VectorOps.Broadcast<T>(a[4 * s]), w0, c4);
                c5 = VectorOps.MultiplyAdd(VectorOps.Broadcast<T>(a[5 * s]), w0, c5);
                w += lanes;
            }
        }
        GroupStore<T, TActivation> store = group;
        float* o = output;
        store.Store(o, VectorOps.Add(c0, e0)); o += pixelFloats;
        store.Store(o, VectorOps.Add(c1, e1)); o += pixelFloats;
        store.Store(o, VectorOps.Add(c2, e2)); o += pixelFloats;
        store.Store(o, VectorOps.Add(c3, e3)); o += pixelFloats;
        store.Store(o, VectorOps.Add(c4, e4)); o += pixelFloats;
        store.Store(o, VectorOps.Add(c5, e5));
    }

    /// <summary>
    /// Ten pixels x two channel groups for AVX-512's 32 registers (20 accumulators; with twelve
    /// the JIT spilled three of them in the loop): each weight load and loop step serves more
    /// pixels, and the stores come less often.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void TenByTwo<T0, T1, TStep, TActivation>(float** rows, int offset, int filterRows, int rowLength, float* w, float* bias,
        float* output, int pixelFloats, in GroupStore<T0, TActivation> first, in GroupStore<T1, TActivation> second)
        where T0 : struct where T1 : struct where TStep : struct, IPixelStep where TActivation : struct, IActivationMode
    {
        int l0 = VectorOps.Count<T0>(), stride = l0 + VectorOps.Count<T1>(), s = TStep.Floats;
        T0 b0 = VectorOps.Load<T0>(bias);
        T1 b1 = VectorOps.Load<T1>(bias + l0);
        T0 c0 = b0, c1 = b0, c2 = b0, c3 = b0, c4 = b0, c5 = b0, c6 = b0, c7 = b0, c8 = b0, c9 = b0;
        T1 d0 = b1, d1 = b1, d2 = b1, d3 = b1, d4 = b1, d5 = b1, d6 = b1, d7 = b1, d8 = b1, d9 = b1;
        for (int ky = 0; ky < filterRows; ky++)
        {
            float* a = rows[ky] + offset, end = a + rowLength;
            for (; a < end; a++, w += stride)
            {
                T0 w0 = VectorOps.Load<T0>(w);
                T1 w1 = VectorOps.Load<T1>(w + l0);
                T0 x;
                x = VectorOps.Broadcast<T0>(a[0]);
                c0 = VectorOps.MultiplyAdd(x, w0, c0); d0 = VectorOps.MultiplyAdd(Narrow<T0, T1>(x), w1, d0);
                x = VectorOps.Broadcast<T0>(a[s]);
                c1 = VectorOps.MultiplyAdd(x, w0, c1); d1 = VectorOps.MultiplyAdd(Narrow<T0, T1>(x), w1, d1);
                x = VectorOps.Broadcast<T0>(a[2 * s]);
                c2 = VectorOps.MultiplyAdd(x, w0, c2); d2 = VectorOps.MultiplyAdd(Narrow<T0, T1>(x), w1, d2);
                x = VectorOps.Broadcast<T0>(a[3 * s]);
                c3 = VectorOps.MultiplyAdd(x, w0, c3); d3 = VectorOps.MultiplyAdd(Narrow<T0, T1>(x), w1, d3);
                x = VectorOps.Broadcast<T0>(a[4 * s]);
                c4 = VectorOps.MultiplyAdd(x, w0, c4); d4 = VectorOps.MultiplyAdd(Narrow<T0, T1>(x), w1, d4);
                x = VectorOps.Broadcast<T0>(a[5 * s]);
                c5 = VectorOps.MultiplyAdd(x, w0, c5); d5 = VectorOps.MultiplyAdd(Narrow<T0, T1>(x), w1, d5);
                x = VectorOps.Broadcast<T0>(a[6 * s]);
                c6 = VectorOps.MultiplyAdd(x, w0, c6); d6 = VectorOps.MultiplyAdd(Narrow<T0, T1>(x), w1, d6);
                x = VectorOps.Broadcast<T0>(a[7 * s]);
                c7 = VectorOps.MultiplyAdd(x, w0, c7); d7 = VectorOps.MultiplyAdd(Narrow<T0, T1>(x), w1, d7);
                x = VectorOps.Broadcast<T0>(a[8 * s]);
                c8 = VectorOps.MultiplyAdd(x, w0, c8); d8 = VectorOps.MultiplyAdd(Narrow<T0, T1>(x), w1, d8);
                x = VectorOps.Broadcast<T0>(a[9 * s]);
                c9 = VectorOps.MultiplyAdd(x, w0, c9); d9 = VectorOps.MultiplyAdd(Narrow<T0, T1>(x), w1, d9);
            }
        }
        GroupStore<T0, TActivation> low = first;
        GroupStore<T1, TActivation> high = second;
        float* o = output;
        low.Store(o, c0); high.Store(o + l0, d0); o += pixelFloats;
        low.Store(o, c1); high.Store(o + l0, d1); o += pixelFloats;
        low.Store(o, c2); high.Store(o + l0, d2); o += pixelFloats;
        low.Store(o, c3); high.Store(o + l0, d3); o += pixelFloats;
        low.Store(o, c4); high.Store(o + l0, d4); o += pixelFloats;
        low.Store(o, c5); high.Store(o + l0, d5); o += pixelFloats;
        low.Store(o, c6); high.Store(o + l0, d6); o += pixelFloats;
        low.Store(o, c7); high.Store(o + l0, d7); o += pixelFloats;
        low.Store(o, c8); high.Store(o + l0, d8); o += pixelFloats;
        low.Store(o, c9); high.Store(o + l0, d9);
    }

    /// <summary>Twelve pixels x one channel group, even and odd taps apart: 24 accumulators, for AVX-512 only.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void TwelveByOne<T, TStep, TActivation>(float** rows, int offset, int filterRows, int rowLength, float* w, float* bias,
        float* output, int pixelFloats, in GroupStore<T, TActivation> group)
        where T : struct where TStep : struct, IPixelStep where TActivation : struct, IActivationMode
    {
        int lanes = VectorOps.Count<T>(), s = TStep.Floats;
        T b = VectorOps.Load<T>(bias), z = VectorOps.Zero<T>();
        T c0 = b, c1 = b, c2 = b, c3 = b, c4 = b, c5 = b, c6 = b, c7 = b, c8 = b, c9 = b, c10 = b, c11 = b;
        T e0 = z, e1 = z, e2 = z, e3 = z, e4 = z, e5 = z, e6 = z, e7 = z, e8 = z, e9 = z, e10 = z, e11 = z;
        for (int ky = 0; ky < filterRows; ky++)
        {
            float* a = rows[ky] + offset, last = a + rowLength - 1;
            for (; a < last; a += 2, w += 2 * lanes)
            {
                T w0 = VectorOps.Load<T>(w), w1 = VectorOps.Load<T>(w + lanes);
                c0 = VectorOps.MultiplyAdd(VectorOps.Broadcast<T>(a[0]), w0, c0);
                c1 = VectorOps.MultiplyAdd(VectorOps.Broadcast<T>(a[s]), w0, c1);
                c2 = VectorOps.MultiplyAdd(VectorOps.Broadcast<T>(a[2 * s]), w0, c2);
                c3 = VectorOps.MultiplyAdd(VectorOps.Broadcast<T>(a[3 * s]), w0, c3);
                c4 = VectorOps.MultiplyAdd(VectorOps.Broadcast<T>(a[4 * s]), w0, c4);
                c5 = VectorOps.MultiplyAdd(VectorOps.Broadcast<T>(a[5 * s]), w0, c5);
                c6 = VectorOps.MultiplyAdd(VectorOps.Broadcast<T>(a[6 * s]), w0, c6);
                c7 = VectorOps.MultiplyAdd(VectorOps.Broadcast<T>(a[7 * s]), w0, c7);
                c8 = VectorOps.MultiplyAdd(VectorOps.Broadcast<T>(a[8 * s]), w0, c8);
                c9 = VectorOps.MultiplyAdd(VectorOps.Broadcast<T>(a[9 * s]), w0, c9);
                c10 = VectorOps.MultiplyAdd(VectorOps.Broadcast<T>(a[10 * s]), w0, c10);
                c11 = VectorOps.MultiplyAdd(VectorOps.Broadcast<T>(a[11 * s]), w0, c11);
                e0 = VectorOps.MultiplyAdd(VectorOps.Broadcast<T>(a[1]), w1, e0);
                e1 = VectorOps.MultiplyAdd(VectorOps.Broadcast<T>(a[1 + s]), w1, e1);
                e2 = VectorOps.MultiplyAdd(VectorOps.Broadcast<T>(a[1 + 2 * s]), w1, e2);
                e3 = VectorOps.MultiplyAdd(VectorOps.Broadcast<T>(a[1 + 3 * s]), w1, e3);
                e4 = VectorOps.MultiplyAdd(VectorOps.Broadcast<T>(a[1 + 4 * s]), w1, e4);
                e5 = VectorOps.MultiplyAdd(VectorOps.Broadcast<T>(a[1 + 5 * s]), w1, e5);
                e6 = VectorOps.MultiplyAdd(VectorOps.Broadcast<T>(a[1 + 6 * s]), w1, e6);
                e7 = VectorOps.MultiplyAdd(VectorOps.Broadcast<T>(a[1 + 7 * s]), w1, e7);
                e8 = VectorOps.MultiplyAdd(VectorOps.Broadcast<T>(a[1 + 8 * s]), w1, e8);
                e9 = VectorOps.MultiplyAdd(VectorOps.Broadcast<T>(a[1 + 9 * s]), w1, e9);
                e10 = VectorOps.MultiplyAdd(VectorOps.Broadcast<T>(a[1 + 10 * s]), w1, e10);
                e11 = VectorOps.MultiplyAdd(VectorOps.Broadcast<T>(a[1 + 11 * s]), w1, e11);
            }
            if (a == last)
            {
                T w0 = VectorOps.Load<T>(w);
                c0 = VectorOps.MultiplyAdd(VectorOps.Broadcast<T>(a[0]), w0, c0);
                c1 = VectorOps.MultiplyAdd(VectorOps.Broadcast<T>(a[s]), w0, c1);
                c2 = VectorOps.MultiplyAdd(VectorOps.Broadcast<T>(a[2 * s]), w0, c2);
                c3 = VectorOps.MultiplyAdd(VectorOps.Broadcast<T>(a[3 * s]), w0, c3);
                c4 = VectorOps.MultiplyAdd(VectorOps.Broadcast<T>(a[4 * s]), w0, c4);
                c5 = VectorOps.MultiplyAdd(VectorOps.Broadcast<T>(a[5 * s]), w0, c5);
                c6 = VectorOps.MultiplyAdd(VectorOps.Broadcast<T>(a[6 * s]), w0, c6);
                c7 = VectorOps.MultiplyAdd(VectorOps.Broadcast<T>(a[7 * s]), w0, c7);
                c8 = VectorOps.MultiplyAdd(VectorOps.Broadcast<T>(a[8 * s]), w0, c8);
                c9 = VectorOps.MultiplyAdd(VectorOps.Broadcast<T>(a[9 * s]), w0, c9);
                c10 = VectorOps.MultiplyAdd(VectorOps.Broadcast<T>(a[10 * s]), w0, c10);
                c11 = VectorOps.MultiplyAdd(VectorOps.Broadcast<T>(a[11 * s]), w0, c11);
                w += lanes;
            }
        }
        GroupStore<T, TActivation> store = group;
        float* o = output;
        store.Store(o, VectorOps.Add(c0, e0)); o += pixelFloats;
        store.Store(o, VectorOps.Add(c1, e1)); o += pixelFloats;
        store.Store(o, VectorOps.Add(c2, e2)); o += pixelFloats;
        store.Store(o, VectorOps.Add(c3, e3)); o += pixelFloats;
        store.Store(o, VectorOps.Add(c4, e4)); o += pixelFloats;
        store.Store(o, VectorOps.Add(c5, e5)); o += pixelFloats;
        store.Store(o, VectorOps.Add(c6, e6)); o += pixelFloats;
        store.Store(o, VectorOps.Add(c7, e7)); o += pixelFloats;
        store.Store(o, VectorOps.Add(c8, e8)); o += pixelFloats;
        store.Store(o, VectorOps.Add(c9, e9)); o += pixelFloats;
        store.Store(o, VectorOps.Add(c10, e10)); o += pixelFloats;
        store.Store(o, VectorOps.Add(c11, e11));
    }

    /// <summary>
    /// Four pixels x three 256-bit groups (24 outputs on AVX2): 12 accumulators, every tap added in
    /// order. Against a pass of six pixels x two groups and one of six x one, each input value is
    /// broadcast once for all 24 outputs instead of twice.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void FourByThree<TStep, TActivation>(float** rows, int offset, int filterRows, int rowLength, float* w, float* bias,
        float* output, int pixelFloats, in WholeGroupStore<TActivation> first, in WholeGroupStore<TActivation> second,
        in WholeGroupStore<TActivation> third)
        where TStep : struct, IPixelStep where TActivation : struct, IActivationMode
    {
        const int lanes = 8, stride = 3 * lanes;
        int s = TStep.Floats;
        Vector256<float> b0 = Vector256.Load(bias), b1 = Vector256.Load(bias + lanes), b2 = Vector256.Load(bias + 2 * lanes);
        Vector256<float> c0 = b0, c1 = b0, c2 = b0, c3 = b0;
        Vector256<float> d0 = b1, d1 = b1, d2 = b1, d3 = b1;
        Vector256<float> e0 = b2, e1 = b2, e2 = b2, e3 = b2;
        for (int ky = 0; ky < filterRows; ky++)
        {
            float* a = rows[ky] + offset, end = a + rowLength;
            for (; a < end; a++, w += stride)
            {
                Vector256<float> w0 = Vector256.Load(w), w1 = Vector256.Load(w + lanes), w2 = Vector256.Load(w + 2 * lanes);
                Vector256<float> x = Vector256.Create(a[0]);
                c0 = Vector256.FusedMultiplyAdd(x, w0, c0); d0 = Vector256.FusedMultiplyAdd(x, w1, d0); e0 = Vector256.FusedMultiplyAdd(x, w2, e0);
                x = Vector256.Create(a[s]);
                c1 = Vector256.FusedMultiplyAdd(x, w0, c1); d1 = Vector256.FusedMultiplyAdd(x, w1, d1); e1 = Vector256.FusedMultiplyAdd(x, w2, e1);
                x = Vector256.Create(a[2 * s]);
                c2 = Vector256.FusedMultiplyAdd(x, w0, c2); d2 = Vector256.FusedMultiplyAdd(x, w1, d2); e2 = Vector256.FusedMultiplyAdd(x, w2, e2);
                x = Vector256.Create(a[3 * s]);
                c3 = Vector256.FusedMultiplyAdd(x, w0, c3); d3 = Vector256.FusedMultiplyAdd(x, w1, d3); e3 = Vector256.FusedMultiplyAdd(x, w2, e3);
            }
        }
        WholeGroupStore<TActivation> g0 = first, g1 = second, g2 = third;
        float* o = output;
        g0.Store(o, c0); g1.Store(o + lanes, d0); g2.Store(o + 2 * lanes, e0); o += pixelFloats;
        g0.Store(o, c1); g1.Store(o + lanes, d1); g2.Store(o + 2 * lanes, e1); o += pixelFloats;
        g0.Store(o, c2); g1.Store(o + lanes, d2); g2.Store(o + 2 * lanes, e2); o += pixelFloats;
        g0.Store(o, c3); g1.Store(o + lanes, d3); g2.Store(o + 2 * lanes, e3);
    }

    /// <summary>The low part of a broadcast value for a narrower second group (free: the same register).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T1 Narrow<T0, T1>(T0 value) where T0 : struct where T1 : struct
    {
        if (typeof(T0) == typeof(T1)) return Unsafe.As<T0, T1>(ref value);
        if (typeof(T0) == typeof(Vector512<float>) && typeof(T1) == typeof(Vector256<float>))
        {
            Vector256<float> low = Unsafe.As<T0, Vector512<float>>(ref value).GetLower();
            return Unsafe.As<Vector256<float>, T1>(ref low);
        }
        throw new NotSupportedException($"{typeof(T1)} is not a narrower part of {typeof(T0)}.");
    }
}

/// <summary>How one channel group of a tile is finished and stored: activation, then the first Count lanes.</summary>
internal readonly unsafe struct GroupStore<T, TActivation> where T : struct where TActivation : struct, IActivationMode
{
    private readonly ConvEpilogue.Block<T> _epilogue;
    private readonly int _count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public GroupStore(in ConvEpilogue epilogue, int channel, int count)
    {
        _epilogue = epilogue.At<T>(channel);
        _count = count;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Store(float* destination, T value) => VectorOps.StoreFirst(destination, _epilogue.Finish<TActivation>(value), _count);
}

/// <summary>
/// A group of eight outputs that is always whole (the three groups of a 24-output block on AVX2,
/// see <see cref="RgbPassKind.Three256"/>): activation, then a plain store. The general store's
/// partial-vector branches, inlined at the block's twelve stores, made the short-range detector's
/// first layer about 6 % slower on AMD EPYC.
/// </summary>
internal readonly unsafe struct WholeGroupStore<TActivation> where TActivation : struct, IActivationMode
{
    private readonly ConvEpilogue.Block<Vector256<float>> _epilogue;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public WholeGroupStore(in ConvEpilogue epilogue, int channel) => _epilogue = epilogue.At<Vector256<float>>(channel);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Store(float* destination, Vector256<float> value) => Vector256.Store(_epilogue.Finish<TActivation>(value), destination);
}
