using System.Numerics;

namespace FaceMesh.Geometry;

/// <summary>
/// p ↦ L p + t with L = scale × rotation: MediaPipe's 4x4 pose without its constant last row, in
/// the column-vector convention (L[row, column]).
/// </summary>
internal struct SimilarityPose
{
    public Float3x3 Linear;
    public Vector3 Translation;

    /// <summary>The same transform for .NET's row-vector convention (v × M): the transpose, translation in M41..M43.</summary>
    public readonly Matrix4x4 ToRowVectorMatrix() => new(
        Linear[0, 0], Linear[1, 0], Linear[2, 0], 0f,
        Linear[0, 1], Linear[1, 1], Linear[2, 1], 0f,
        Linear[0, 2], Linear[1, 2], Linear[2, 2], 0f,
        Translation.X, Translation.Y, Translation.Z, 1f);
}
