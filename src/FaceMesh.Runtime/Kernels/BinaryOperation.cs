using System.Runtime.CompilerServices;

namespace FaceMesh.Runtime.Kernels;

internal enum BinaryOperation { Add, Multiply }

/// <summary>An element-wise operation, as a type so generic loops are specialised per operation by the JIT.</summary>
internal interface IBinaryOperator
{
    static abstract float Apply(float a, float b);
    static abstract T Apply<T>(T a, T b) where T : struct;
}

internal readonly struct AddOperator : IBinaryOperator
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Apply(float a, float b) => a + b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Apply<T>(T a, T b) where T : struct => VectorOps.Add(a, b);
}

internal readonly struct MultiplyOperator : IBinaryOperator
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Apply(float a, float b) => a * b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Apply<T>(T a, T b) where T : struct => VectorOps.Multiply(a, b);
}
