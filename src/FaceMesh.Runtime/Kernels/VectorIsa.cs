namespace FaceMesh.Runtime.Kernels;

/// <summary>
/// Which vector kernels a compiled graph uses. Chosen once at load, so the same machine can run
/// (and tests can compare) every path: 512-bit where AVX-512 exists, 256-bit on AVX2+FMA CPUs,
/// and the portable scalar loops everywhere else.
/// </summary>
internal enum VectorIsa
{
    Scalar,
    Vector256,
    Vector512,
}
