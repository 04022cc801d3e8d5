using System.Runtime.CompilerServices;

namespace FaceMesh.Runtime.Kernels;

/// <summary>
/// How a kernel reads and writes one vector of channels: whole (<see cref="FullBlock"/>) or
/// through a lane mask for the last, partial block (<see cref="PartialBlock"/>). A type argument,
/// so full blocks compile to plain loads and stores: masked stores are slow on AMD cores even
/// with every lane selected.
/// </summary>
internal unsafe interface IChannelBlock
{
    static abstract T Load<T>(float* source, T mask) where T : struct;

    static abstract void Store<T>(float* destination, T mask, T value) where T : struct;
}

internal readonly unsafe struct FullBlock : IChannelBlock
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Load<T>(float* source, T mask) where T : struct => VectorOps.Load<T>(source);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store<T>(float* destination, T mask, T value) where T : struct => VectorOps.Store(destination, value);
}

internal readonly unsafe struct PartialBlock : IChannelBlock
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Load<T>(float* source, T mask) where T : struct => VectorOps.MaskLoad(source, mask);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store<T>(float* destination, T mask, T value) where T : struct => VectorOps.MaskStore(destination, mask, value);
}
