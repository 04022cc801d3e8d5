using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace FaceMesh.Runtime.Kernels;

internal enum BinaryOperation { Add, Multiply }

/// <summary>An element-wise operation, as a type so generic loops are specialised per operation by the JIT.</summary>
internal interface IBinaryOperator
{
    static abstract float Apply(float a, float b);
    static abstract Vector512<float> Apply(Vector512<float> a, Vector512<float> b);
}

internal readonly struct AddOperator : IBinaryOperator
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Apply(float a, float b) => a + b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Apply(Vector512<float> a, Vector512<float> b) => a + b;
}

internal readonly struct MultiplyOperator : IBinaryOperator
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Apply(float a, float b) => a * b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Apply(Vector512<float> a, Vector512<float> b) => a * b;
}
