using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace FaceMesh.Runtime.Graph;

/// <summary>
/// The 64-byte aligned, zero-initialised native block holding one interpreter's tensors. Native
/// rather than managed so that the address is stable without pinning and the memory is returned
/// deterministically on Dispose (the safe handle frees it if Dispose is forgotten).
/// </summary>
internal sealed unsafe class NativeArena : IDisposable
{
    private readonly ArenaHandle _handle;

    public NativeArena(long floats)
    {
        Length = Math.Max(floats, MemoryPlanner.AlignmentFloats);
        _handle = new ArenaHandle((nuint)Length * sizeof(float));
        Pointer = (float*)_handle.DangerousGetHandle();
    }

    public float* Pointer { get; }
    public long Length { get; }

    public void Dispose() => _handle.Dispose();

    private sealed class ArenaHandle : SafeHandleZeroOrMinusOneIsInvalid
    {
        public ArenaHandle(nuint bytes) : base(ownsHandle: true)
        {
            void* memory = NativeMemory.AlignedAlloc(bytes, 64);
            NativeMemory.Clear(memory, bytes);
            SetHandle((nint)memory);
        }

        protected override bool ReleaseHandle()
        {
            NativeMemory.AlignedFree((void*)handle);
            return true;
        }
    }
}
