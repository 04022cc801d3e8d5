using System.Numerics;

namespace FaceMesh.Puppeteering;

/// <summary>
/// The person's neutral (expressionless) metric mesh, which expressions are measured against:
/// either given by a calibration frame (<see cref="Calibrate"/>) or estimated from the first frames
/// of a take as the per-coordinate median of up to <see cref="FrameCount"/> meshes, then frozen.
/// The median rather than the mean, so a word spoken or a blink in the first second does not become
/// part of the neutral face. Allocation-free after construction.
/// </summary>
public sealed class NeutralFaceEstimator
{
    /// <summary>About one second of video at 30 fps.</summary>
    public const int DefaultFrameCount = 30;

    private readonly Vector3[] _history;
    private readonly Vector3[] _neutral;
    private readonly float[] _column;
    private int _observed;
    private bool _calibrated;

    /// <param name="vertexCount">Vertices per mesh (468 for MediaPipe's topology).</param>
    /// <param name="frameCount">Frames the running estimate takes before it freezes; at least 1.</param>
    public NeutralFaceEstimator(int vertexCount = AvatarMesh.RequiredVertexCount, int frameCount = DefaultFrameCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(vertexCount);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(frameCount);
        FrameCount = frameCount;
        _history = new Vector3[vertexCount * frameCount];
        _neutral = new Vector3[vertexCount];
        _column = new float[frameCount];
    }

    public int VertexCount => _neutral.Length;

    public int FrameCount { get; }

    /// <summary>True once a mesh was observed or calibrated.</summary>
    public bool HasNeutral => _observed > 0 || _calibrated;

    /// <summary>True once calibrated, or after <see cref="FrameCount"/> observed frames: the neutral no longer changes.</summary>
    public bool IsSettled => _calibrated || _observed >= FrameCount;

    /// <summary>Increases whenever <see cref="Neutral"/> changes, so users can refit what depends on it.</summary>
    public int Version { get; private set; }

    public ReadOnlySpan<Vector3> Neutral => _neutral;

    /// <summary>Takes this mesh as the neutral face from now on (the running estimate stops).</summary>
    public void Calibrate(ReadOnlySpan<Vector3> neutralMesh)
    {
        CheckLength(neutralMesh);
        neutralMesh[..VertexCount].CopyTo(_neutral);
        _calibrated = true;
        Version++;
    }

    /// <summary>Adds a tracked mesh to the running estimate; ignored once settled.</summary>
    /// <returns>True when <see cref="Neutral"/> changed.</returns>
    public bool Observe(ReadOnlySpan<Vector3> mesh)
    {
        CheckLength(mesh);
        if (IsSettled) return false;
        int n = VertexCount;
        mesh[..n].CopyTo(_history.AsSpan(_observed * n, n));
        _observed++;
        Span<float> column = _column.AsSpan(0, _observed);
        for (int v = 0; v < n; v++)
        {
            Vector3 median = default;
            for (int axis = 0; axis < 3; axis++)
            {
                for (int f = 0; f < _observed; f++) column[f] = _history[f * n + v][axis];
                column.Sort();
                int middle = _observed / 2;
                median[axis] = _observed % 2 == 1 ? column[middle] : 0.5f * (column[middle - 1] + column[middle]);
            }
            _neutral[v] = median;
        }
        Version++;
        return true;
    }

    /// <summary>Forgets the neutral (a new take or a new person).</summary>
    public void Reset()
    {
        _observed = 0;
        _calibrated = false;
        Array.Clear(_neutral);
        Version++;
    }

    private void CheckLength(ReadOnlySpan<Vector3> mesh)
    {
        if (mesh.Length < VertexCount)
            throw new ArgumentException($"The mesh needs {VertexCount} vertices; got {mesh.Length}.", nameof(mesh));
    }
}
