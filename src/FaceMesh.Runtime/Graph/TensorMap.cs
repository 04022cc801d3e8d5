namespace FaceMesh.Runtime.Graph;

/// <summary>
/// Resolves a tensor index to its address in one interpreter's arena. Kernels keep tensor indices,
/// not addresses, so a compiled graph can be shared by several interpreters.
/// </summary>
internal readonly unsafe struct TensorMap
{
    private readonly float* _arena;
    private readonly long* _offsets;

    public TensorMap(float* arena, long* offsets)
    {
        _arena = arena;
        _offsets = offsets;
    }

    public float* this[int tensor] => _arena + _offsets[tensor];
}
