using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace FaceMesh.Runtime.Kernels;

/// <summary>
/// Width-generic vector operations, so each kernel is written once and the JIT specialises it
/// for <see cref="Vector512{T}"/> (AVX-512) and <see cref="Vector256{T}"/> (AVX2+FMA) of float
/// (and, for the few operations of the 2-output channel pairs, <see cref="Vector128{T}"/>).
/// The type tests fold away at JIT time, leaving the same instructions a hand-written kernel
/// would have. Tails never touch memory past their last lane: masked loads and stores on
/// AVX-512, plain narrower moves on AVX2.
/// </summary>
internal static unsafe class VectorOps
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Count<T>() where T : struct => Unsafe.SizeOf<T>() / sizeof(float);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Load<T>(float* source) where T : struct
    {
        if (typeof(T) == typeof(Vector512<float>)) return From<T>(Vector512.Load(source));
        if (typeof(T) == typeof(Vector256<float>)) return From<T>(Vector256.Load(source));
        if (typeof(T) == typeof(Vector128<float>)) return From<T>(Vector128.Load(source));
        return Unsupported<T>();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store<T>(float* destination, T value) where T : struct
    {
        if (typeof(T) == typeof(Vector512<float>)) To512(value).Store(destination);
        else if (typeof(T) == typeof(Vector256<float>)) To256(value).Store(destination);
        else if (typeof(T) == typeof(Vector128<float>)) To128(value).Store(destination);
        else Unsupported<T>();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Broadcast<T>(float value) where T : struct
    {
        if (typeof(T) == typeof(Vector512<float>)) return From<T>(Vector512.Create(value));
        if (typeof(T) == typeof(Vector256<float>)) return From<T>(Vector256.Create(value));
        if (typeof(T) == typeof(Vector128<float>)) return From<T>(Vector128.Create(value));
        return Unsupported<T>();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Zero<T>() where T : struct => default;

    /// <summary>a * b + c with one rounding.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T MultiplyAdd<T>(T a, T b, T c) where T : struct
    {
        if (typeof(T) == typeof(Vector512<float>)) return From<T>(Vector512.FusedMultiplyAdd(To512(a), To512(b), To512(c)));
        if (typeof(T) == typeof(Vector256<float>)) return From<T>(Vector256.FusedMultiplyAdd(To256(a), To256(b), To256(c)));
        if (typeof(T) == typeof(Vector128<float>)) return From<T>(Vector128.FusedMultiplyAdd(To128(a), To128(b), To128(c)));
        return Unsupported<T>();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Add<T>(T a, T b) where T : struct
    {
        if (typeof(T) == typeof(Vector512<float>)) return From<T>(To512(a) + To512(b));
        if (typeof(T) == typeof(Vector256<float>)) return From<T>(To256(a) + To256(b));
        if (typeof(T) == typeof(Vector128<float>)) return From<T>(To128(a) + To128(b));
        return Unsupported<T>();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Multiply<T>(T a, T b) where T : struct
    {
        if (typeof(T) == typeof(Vector512<float>)) return From<T>(To512(a) * To512(b));
        if (typeof(T) == typeof(Vector256<float>)) return From<T>(To256(a) * To256(b));
        return Unsupported<T>();
    }

    /// <summary>
    /// The hardware maximum (vmaxps): b when either is NaN. The IEEE-exact Vector.Max costs four
    /// extra instructions per call on x64, which showed in every clamped store.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Max<T>(T a, T b) where T : struct
    {
        if (typeof(T) == typeof(Vector512<float>)) return From<T>(Vector512.MaxNative(To512(a), To512(b)));
        if (typeof(T) == typeof(Vector256<float>)) return From<T>(Vector256.MaxNative(To256(a), To256(b)));
        if (typeof(T) == typeof(Vector128<float>)) return From<T>(Vector128.MaxNative(To128(a), To128(b)));
        return Unsupported<T>();
    }

    /// <summary>The hardware minimum (vminps): b when either is NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Min<T>(T a, T b) where T : struct
    {
        if (typeof(T) == typeof(Vector512<float>)) return From<T>(Vector512.MinNative(To512(a), To512(b)));
        if (typeof(T) == typeof(Vector256<float>)) return From<T>(Vector256.MinNative(To256(a), To256(b)));
        if (typeof(T) == typeof(Vector128<float>)) return From<T>(Vector128.MinNative(To128(a), To128(b)));
        return Unsupported<T>();
    }

    /// <summary>Clamp with the value as the second operand of both, so NaN passes through as in <see cref="ActivationRange.Apply"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Clamp<T>(T value, T min, T max) where T : struct => Min(max, Max(min, value));

    /// <summary>PReLU: lanes below zero are multiplied by their slope, the others pass through.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T ScaleNegative<T>(T value, T slopes) where T : struct
    {
        if (typeof(T) == typeof(Vector512<float>))
        {
            Vector512<float> v = To512(value);
            return From<T>(Vector512.ConditionalSelect(Vector512.LessThan(v, Vector512<float>.Zero), v * To512(slopes), v));
        }
        if (typeof(T) == typeof(Vector256<float>))
        {
            Vector256<float> v = To256(value);
            return From<T>(Vector256.ConditionalSelect(Vector256.LessThan(v, Vector256<float>.Zero), v * To256(slopes), v));
        }
        return Unsupported<T>();
    }

    /// <summary>A lane mask selecting the first <paramref name="count"/> lanes (all of them when count is at least the width).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T FirstLanes<T>(int count) where T : struct
    {
        if (typeof(T) == typeof(Vector512<float>))
            return From<T>(Vector512.LessThan(Vector512<int>.Indices, Vector512.Create(count)).AsSingle());
        if (typeof(T) == typeof(Vector256<float>))
            return From<T>(Vector256.LessThan(Vector256<int>.Indices, Vector256.Create(count)).AsSingle());
        return Unsupported<T>();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T MaskLoad<T>(float* source, T mask) where T : struct
    {
        if (typeof(T) == typeof(Vector512<float>)) return From<T>(Avx512F.MaskLoad(source, To512(mask), Vector512<float>.Zero));
        if (typeof(T) == typeof(Vector256<float>)) return From<T>(Avx.MaskLoad(source, To256(mask)));
        return Unsupported<T>();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void MaskStore<T>(float* destination, T mask, T value) where T : struct
    {
        if (typeof(T) == typeof(Vector512<float>)) Avx512F.MaskStore(destination, To512(mask), To512(value));
        else if (typeof(T) == typeof(Vector256<float>)) Avx.MaskStore(destination, To256(mask), To256(value));
        else Unsupported<T>();
    }

    /// <summary>Loads the first <paramref name="count"/> floats (a full vector when count reaches the width), zeros elsewhere.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T LoadFirst<T>(float* source, int count) where T : struct
    {
        if (count >= Count<T>()) return Load<T>(source);
        if (typeof(T) == typeof(Vector256<float>)) return From<T>(LoadFirst256(source, count));
        return MaskLoad(source, FirstLanes<T>(count));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreFirst<T>(float* destination, T value, int count) where T : struct
    {
        if (count >= Count<T>()) Store(destination, value);
        else if (typeof(T) == typeof(Vector256<float>)) StoreFirst256(destination, To256(value), count);
        else MaskStore(destination, FirstLanes<T>(count), value);
    }

    // A partial 256-bit load or store runs as plain 128-, 64- and 32-bit moves: vmaskmovps is
    // microcoded on AMD's Zen cores (tens of cycles), and a layer whose channels are not whole
    // vectors pays it once per pixel. Inlined, not called: a call in a micro-kernel's store
    // sequence makes the JIT spill the accumulators still live across it (every ymm register is
    // caller-saved), which cost more than the masked moves saved.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> LoadFirst256(float* source, int count) =>
        count >= 4
            ? Vector256.Create(Vector128.Load(source), LoadFirst128(source + 4, count - 4))
            : LoadFirst128(source, count).ToVector256();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> LoadFirst128(float* source, int count) => count switch
    {
        <= 0 => Vector128<float>.Zero,
        1 => Vector128.CreateScalar(source[0]),
        2 => Vector128.CreateScalar(*(double*)source).AsSingle(),
        3 => Vector128.Create(source[0], source[1], source[2], 0f),
        _ => Vector128.Load(source),
    };

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreFirst256(float* destination, Vector256<float> value, int count)
    {
        Vector128<float> part = value.GetLower();
        if (count >= 4)
        {
            part.Store(destination);
            destination += 4;
            count -= 4;
            part = value.GetUpper();
        }
        if (count >= 2)
        {
            *(double*)destination = part.AsDouble().ToScalar();
            destination += 2;
            count -= 2;
            part = Sse.MoveHighToLow(part, part);
        }
        if (count == 1) *destination = part.ToScalar();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T From<T>(Vector512<float> value) where T : struct => Unsafe.BitCast<Vector512<float>, T>(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T From<T>(Vector256<float> value) where T : struct => Unsafe.BitCast<Vector256<float>, T>(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T From<T>(Vector128<float> value) where T : struct => Unsafe.BitCast<Vector128<float>, T>(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> To512<T>(T value) where T : struct => Unsafe.BitCast<T, Vector512<float>>(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> To256<T>(T value) where T : struct => Unsafe.BitCast<T, Vector256<float>>(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> To128<T>(T value) where T : struct => Unsafe.BitCast<T, Vector128<float>>(value);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static T Unsupported<T>() => throw new NotSupportedException($"{typeof(T)} is not a vector type the kernels support.");
}
