using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FaceMesh.Runtime.Kernels;

/// <summary>
/// Immutable-after-packing float storage whose first element sits on a 64-byte boundary, for
/// weights that vector loops read. Backed by a pinned array, so it needs no disposal and its
/// address never moves.
/// </summary>
internal sealed unsafe class AlignedFloats
{
    private const int AlignmentBytes = 64;
    private readonly float[] _storage;

    public AlignedFloats(int length)
    {
        Length = length;
        _storage = GC.AllocateArray<float>(length + AlignmentBytes / sizeof(float), pinned: true);
        nint address = (nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_storage));
        int skip = (int)((AlignmentBytes - (address & (AlignmentBytes - 1))) & (AlignmentBytes - 1)) / sizeof(float);
        Pointer = (float*)address + skip;
    }

    public float* Pointer { get; }
    public int Length { get; }

    public Span<float> AsSpan() => new(Pointer, Length);
}
