using System.Numerics;
using System.Runtime.Intrinsics;

namespace FaceMesh.Puppeteering;

/// <summary>
/// The uniform ("umbrella") Laplacian of a triangle mesh's connectivity: (L x)_i = x_i − the mean of
/// x over i's neighbours, stored row by row. Uniform rather than cotangent weights because they
/// depend on the topology alone: the tracked face and every avatar in MediaPipe's topology share
/// one operator, so a displacement's differential coordinates mean the same on both, and the
/// transfer is exact whenever the avatar is a linear image of the person (the cotangent operator
/// changes under a non-uniform stretch and would shrink a wider avatar's mouth opening).
/// </summary>
internal sealed class MeshLaplacian
{
    private readonly int[] _rowStart;
    private readonly int[] _columns;
    private readonly float[] _weights;

    public MeshLaplacian(int vertexCount, ReadOnlySpan<int> triangles)
    {
        VertexCount = vertexCount;
        var neighbours = new SortedSet<int>[vertexCount];
        for (int i = 0; i < vertexCount; i++) neighbours[i] = [];
        for (int t = 0; t < triangles.Length; t += 3)
            for (int k = 0; k < 3; k++)
            {
                int i = triangles[t + k], j = triangles[t + (k + 1) % 3];
                neighbours[i].Add(j);
                neighbours[j].Add(i);
            }
        _rowStart = new int[vertexCount + 1];
        for (int i = 0; i < vertexCount; i++)
        {
            if (neighbours[i].Count == 0) throw new ArgumentException($"Vertex {i} belongs to no triangle.", nameof(triangles));
            _rowStart[i + 1] = _rowStart[i] + neighbours[i].Count;
        }
        _columns = new int[_rowStart[vertexCount]];
        _weights = new float[_columns.Length];
        for (int i = 0; i < vertexCount; i++)
        {
            neighbours[i].CopyTo(_columns, _rowStart[i]);
            _weights.AsSpan(_rowStart[i], neighbours[i].Count).Fill(1f / neighbours[i].Count);
        }
    }

    public int VertexCount { get; }

    /// <summary>The neighbours of vertex i.</summary>
    public ReadOnlySpan<int> Neighbours(int i) => _columns.AsSpan(_rowStart[i], _rowStart[i + 1] - _rowStart[i]);

    /// <summary>destination = L x.</summary>
    public void Apply(ReadOnlySpan<Vector3> x, Span<Vector3> destination)
    {
        for (int i = 0; i < VertexCount; i++)
        {
            Vector3 sum = x[i];
            for (int s = _rowStart[i]; s < _rowStart[i + 1]; s++) sum -= _weights[s] * x[_columns[s]];
            destination[i] = sum;
        }
    }

    /// <summary>destination += Lᵀ y, accumulated in double precision (lanes x, y, z).</summary>
    public void AddTransposeApplied(ReadOnlySpan<Vector3> y, Span<Vector256<double>> destination)
    {
        for (int i = 0; i < VertexCount; i++)
        {
            Vector256<double> yi = Vector256.Create(y[i].X, y[i].Y, y[i].Z, 0);
            destination[i] += yi;
            for (int s = _rowStart[i]; s < _rowStart[i + 1]; s++) destination[_columns[s]] -= Vector256.Create((double)_weights[s]) * yi;
        }
    }

    /// <summary>Adds LᵀL to a dense matrix (row-major, n × n).</summary>
    public void AddNormalMatrix(double[] matrix)
    {
        int n = VertexCount;
        for (int k = 0; k < n; k++)
        {
            // Row k of L: 1 at k, −w at its neighbours.
            int start = _rowStart[k], count = _rowStart[k + 1] - start;
            for (int a = -1; a < count; a++)
            {
                int p = a < 0 ? k : _columns[start + a];
                double lp = a < 0 ? 1.0 : -_weights[start + a];
                for (int b = -1; b < count; b++)
                {
                    int q = b < 0 ? k : _columns[start + b];
                    double lq = b < 0 ? 1.0 : -_weights[start + b];
                    matrix[p * n + q] += lp * lq;
                }
            }
        }
    }
}
