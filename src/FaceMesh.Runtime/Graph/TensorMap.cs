namespace FaceMesh.Runtime.Graph;

/// <summary>
/// Resolves a tensor index to its address in one interpreter's arena. Kernels keep tensor indices,
/// not addresses, so a compiled graph can be shared by several interpreters.
/// </summary>
internal readonly unsafe struct TensorMap
{
    private readonly float* _arena;
    private readonly long* _offsets;
    private readonly float* _moved;    // null unless one tensor lives outside the arena
    private readonly int _movedTensor;

    public TensorMap(float* arena, long* offsets)
    {
        _arena = arena;
        _offsets = offsets;
    }

    private TensorMap(TensorMap source, int tensor, float* address)
    {
        _arena = source._arena;
        _offsets = source._offsets;
        _moved = address;
        _movedTensor = tensor;
    }

    public float* this[int tensor] => _moved != null && tensor == _movedTensor ? _moved : _arena + _offsets[tensor];

    /// <summary>
    /// The same map with <paramref name="tensor"/> at <paramref name="address"/>: a fused step
    /// can keep an intermediate that only it reads in a small buffer of its own (the address may
    /// lie before the buffer when only a window of the tensor is ever touched).
    /// </summary>
    public TensorMap WithTensorAt(int tensor, float* address) => new(this, tensor, address);
}
