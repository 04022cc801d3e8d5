using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace FaceMesh.Runtime.Kernels;

/// <summary>
/// What a convolution does to its accumulators before storing them: an optional per-channel
/// PReLU slope (a fused PRELU op), then the clamp of the fused activation.
/// </summary>
internal readonly unsafe struct ConvEpilogue
{
    private readonly AlignedFloats? _slopes;
    private readonly ActivationRange _range;
    private readonly bool _clamps;

    /// <param name="slopes">Per-channel negative slopes, or null for none.</param>
    public ConvEpilogue(ActivationRange range, float[]? slopes)
    {
        _range = range;
        _clamps = !range.IsIdentity;
        if (slopes is not null)
        {
            // Padded past the last channel so a full-width vector load at any channel block stays inside.
            _slopes = new AlignedFloats(SimdSupport.RoundUp(slopes.Length) + 32);
            slopes.CopyTo(_slopes.AsSpan());
        }
    }

    public bool IsIdentity => _slopes is null && !_clamps;

    /// <summary>Whether negative values are scaled by per-channel slopes (a fused PRELU).</summary>
    public bool Scales => _slopes is not null;

    /// <summary>Whether values are clamped (a fused RELU or RELU6).</summary>
    public bool Clamps => _clamps;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private T Finish<T>(T value, int channel) where T : struct => At<T>(channel).Finish(value);

    /// <summary>Stores the first <paramref name="count"/> lanes (nothing when count is not positive).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Store<T>(float* destination, T value, int channel, int count) where T : struct
    {
        if (count <= 0) return;
        VectorOps.StoreFirst(destination, Finish(value, channel), count);
    }

    /// <summary>Like <see cref="Store{T}"/> with a precomputed lane mask (all lanes for full blocks).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void StoreMasked<T>(float* destination, T value, int channel, T mask) where T : struct =>
        VectorOps.MaskStore(destination, mask, Finish(value, channel));

    public float Apply(float value, int channel)
    {
        if (_slopes is not null && value < 0f) value *= _slopes.Pointer[channel];
        return _clamps ? _range.Apply(value) : value;
    }

    /// <summary>
    /// The epilogue of one channel for a vector of pixels (pixels in lanes): its slope broadcast
    /// to every lane, otherwise the same operations as <see cref="Block{T}.Finish{TMode}"/>, so the same bits.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<float> FinishChannel<TMode>(Vector512<float> pixels, int channel) where TMode : struct, IActivationMode
    {
        if (TMode.Scales) pixels = VectorOps.ScaleNegative(pixels, Vector512.Create(_slopes!.Pointer[channel]));
        if (TMode.Clamps) pixels = VectorOps.Clamp(pixels, Vector512.Create(_range.Min), Vector512.Create(_range.Max));
        return pixels;
    }

    /// <summary>
    /// The epilogue for the vector of channels starting at <paramref name="channel"/>, with its
    /// slopes loaded once: a tile stores several pixels at the same channels, and looking the
    /// slopes up per pixel was a measurable share of narrow (16-channel) convolutions.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Block<T> At<T>(int channel) where T : struct => new(this, channel);

    public readonly struct Block<T> where T : struct
    {
        private readonly T _slopes;
        private readonly float _min;
        private readonly float _max;
        private readonly bool _scales;
        private readonly bool _clamps;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal Block(ConvEpilogue epilogue, int channel)
        {
            _scales = epilogue._slopes is not null;
            _slopes = _scales ? VectorOps.Load<T>(epilogue._slopes!.Pointer + channel) : default;
            _clamps = epilogue._clamps;
            _min = epilogue._range.Min;
            _max = epilogue._range.Max;
        }

        /// <summary>Like <see cref="Finish(T)"/> with the steps fixed by <typeparamref name="TMode"/> at JIT time.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public T Finish<TMode>(T value) where TMode : struct, IActivationMode
        {
            if (TMode.Scales) value = VectorOps.ScaleNegative(value, _slopes);
            if (TMode.Clamps) value = VectorOps.Clamp(value, VectorOps.Broadcast<T>(_min), VectorOps.Broadcast<T>(_max));
            return value;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public T Finish(T value)
        {
            if (_scales) value = VectorOps.ScaleNegative(value, _slopes);
            if (_clamps) value = VectorOps.Clamp(value, VectorOps.Broadcast<T>(_min), VectorOps.Broadcast<T>(_max));
            return value;
        }
    }
}
