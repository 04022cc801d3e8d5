using System.Runtime.CompilerServices;

namespace FaceMesh.Geometry;

/// <summary>A 3x3 float matrix (row-major storage) for the solver's small products, kept in float
/// and in a fixed operation order so results round like MediaPipe's Eigen float code.</summary>
internal struct Float3x3
{
    private Elements _m;

    public float this[int row, int column]
    {
        readonly get => _m[row * 3 + column];
        set => _m[row * 3 + column] = value;
    }

    public static Float3x3 Identity()
    {
        var m = new Float3x3();
        m[0, 0] = m[1, 1] = m[2, 2] = 1f;
        return m;
    }

    public readonly Float3x3 Multiply(in Float3x3 right)
    {
        var product = new Float3x3();
        for (int r = 0; r < 3; r++)
            for (int c = 0; c < 3; c++)
                product[r, c] = this[r, 0] * right[0, c] + this[r, 1] * right[1, c] + this[r, 2] * right[2, c];
        return product;
    }

    public readonly Float3x3 Transpose()
    {
        var t = new Float3x3();
        for (int r = 0; r < 3; r++)
            for (int c = 0; c < 3; c++)
                t[c, r] = this[r, c];
        return t;
    }

    /// <summary>Cofactor expansion along the first column.</summary>
    public readonly float Determinant() =>
        this[0, 0] * (this[1, 1] * this[2, 2] - this[1, 2] * this[2, 1])
        - this[1, 0] * (this[0, 1] * this[2, 2] - this[0, 2] * this[2, 1])
        + this[2, 0] * (this[0, 1] * this[1, 2] - this[0, 2] * this[1, 1]);

    public void NegateColumn(int column)
    {
        for (int r = 0; r < 3; r++) this[r, column] = -this[r, column];
    }

    public void SwapColumns(int a, int b)
    {
        for (int r = 0; r < 3; r++) (this[r, a], this[r, b]) = (this[r, b], this[r, a]);
    }

    [InlineArray(9)]
    private struct Elements
    {
        private float _element0;
    }
}
