using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FaceMesh.Runtime.Kernels;

/// <summary>
/// Half-precision weight bits on a 64-byte boundary, the 16-bit counterpart of
/// <see cref="AlignedFloats"/>: packed once, read by vector loops, pinned so the address never moves.
/// </summary>
internal sealed unsafe class AlignedHalves
{
    private const int AlignmentBytes = 64;
    private readonly short[] _storage;

    public AlignedHalves(int length)
    {
        Length = length;
        _storage = GC.AllocateArray<short>(length + AlignmentBytes / sizeof(short), pinned: true);
        nint address = (nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_storage));
        int skip = (int)((AlignmentBytes - (address & (AlignmentBytes - 1))) & (AlignmentBytes - 1)) / sizeof(short);
        Pointer = (short*)address + skip;
    }

    public short* Pointer { get; }
    public int Length { get; }

    public Span<short> AsSpan() => new(Pointer, Length);
}
