using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace FaceMesh.Runtime.Kernels;

/// <summary>
/// What a convolution does to its accumulators before storing them: an optional per-channel
/// PReLU slope (a fused PRELU op), then the clamp of the fused activation.
/// </summary>
internal readonly unsafe struct ConvEpilogue
{
    private readonly AlignedFloats? _slopes;
    private readonly Vector512<float> _min;
    private readonly Vector512<float> _max;
    private readonly ActivationRange _range;
    private readonly bool _clamps;

    /// <param name="slopes">Per-channel negative slopes, or null for none.</param>
    public ConvEpilogue(ActivationRange range, float[]? slopes)
    {
        _range = range;
        _clamps = !range.IsIdentity;
        _min = Vector512.Create(range.Min);
        _max = Vector512.Create(range.Max);
        if (slopes is not null)
        {
            _slopes = new AlignedFloats(SimdSupport.RoundUp(slopes.Length) + 32);
            slopes.CopyTo(_slopes.AsSpan());
        }
    }

    public bool IsIdentity => _slopes is null && !_clamps;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Store(float* destination, Vector512<float> value, int channel, int count)
    {
        if (count <= 0) return;
        if (_slopes is not null)
        {
            Vector512<float> scaled = value * Vector512.Load(_slopes.Pointer + channel);
            value = Vector512.ConditionalSelect(Vector512.LessThan(value, Vector512<float>.Zero), scaled, value);
        }
        if (_clamps) value = Vector512.Min(Vector512.Max(value, _min), _max);
        SimdSupport.StoreFirst(destination, value, count);
    }

    /// <summary>Like <see cref="Store"/> with a precomputed lane mask (all lanes for full blocks).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void StoreMasked(float* destination, Vector512<float> value, int channel, Vector512<float> mask)
    {
        if (_slopes is not null)
        {
            Vector512<float> scaled = value * Vector512.Load(_slopes.Pointer + channel);
            value = Vector512.ConditionalSelect(Vector512.LessThan(value, Vector512<float>.Zero), scaled, value);
        }
        if (_clamps) value = Vector512.Min(Vector512.Max(value, _min), _max);
        Avx512F.MaskStore(destination, mask, value);
    }

    public float Apply(float value, int channel)
    {
        if (_slopes is not null && value < 0f) value *= _slopes.Pointer[channel];
        return _clamps ? _range.Apply(value) : value;
    }
}
