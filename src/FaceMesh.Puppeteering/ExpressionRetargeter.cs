using System.Numerics;
using System.Runtime.Intrinsics;
using FaceMesh.Geometry;

namespace FaceMesh.Puppeteering;

/// <summary>
/// Moves an avatar mesh so it takes on a tracked face's expression while keeping its own shape, by
/// Laplacian (differential-coordinate) mesh editing. The expression is the displacement d of the
/// tracked metric mesh from the person's neutral mesh. Each frame minimises
/// ‖L x − (L A + T L d)‖² + μ² Σ_i ‖x_i − (A_i + s_i T d_i)‖² over the avatar positions x:
/// A is the avatar at rest, L the uniform Laplacian of the shared topology, T the least-squares
/// linear map from the person's neutral face to the avatar (size, width, orientation), s_i how much
/// larger the avatar is around vertex i than T predicts (its one-ring's edge lengths against the
/// person's mapped by T, clamped to 0.5..2), and μ = <see cref="PositionWeight"/>. The soft
/// position constraints carry the expression scaled to the avatar's local features (a cartoon's
/// big eyes close fully); the differential term keeps the displacement field as smooth as the
/// person's, so locally varying scale neither tears nor folds the surface.
/// </summary>
/// <remarks>
/// The normal matrix LᵀL + μ² I depends on the avatar's topology only, so it is factored once, in
/// the constructor: envelope (skyline) Cholesky in double precision after reverse Cuthill–McKee
/// renumbering (468 unknowns, about 50 factor entries per row, shared by x, y and z). A frame is two
/// sparse products and one envelope solve, and allocates nothing. When the avatar is the person's neutral face, or
/// any linear image of it (scaled, wider, rotated), s_i = 1 and the system is consistent: the
/// solution is exactly that image of the tracked mesh. Head pose is not part of the solve: apply
/// the tracked rotation to the result (<see cref="FacePuppet.HeadRotation"/>). Not thread-safe
/// (per-frame buffers); use one per face.
/// </remarks>
public sealed class ExpressionRetargeter
{
    /// <summary>μ: how strongly each vertex is held at its displaced position relative to the differential term.</summary>
    public const float PositionWeight = 0.5f;

    private const float MinLocalScale = 0.5f, MaxLocalScale = 2f;

    private readonly MeshLaplacian _laplacian;
    private readonly EnvelopeCholesky _system;
    private readonly Vector3[] _avatarDifferential;
    private readonly Vector3[] _neutral;
    private readonly float[] _localScale;
    private readonly Vector3[] _displacement;
    private readonly Vector3[] _differential;
    private readonly Vector256<double>[] _rightHandSide;
    private readonly Vector256<double>[] _scratch;
    private Matrix4x4 _personToAvatar = Matrix4x4.Identity;

    /// <param name="avatar">The mesh to move (null: <see cref="AvatarMesh.Canonical"/>).</param>
    /// <exception cref="ArgumentException">The avatar's system cannot be factored (e.g. a vertex no triangle uses).</exception>
    public ExpressionRetargeter(AvatarMesh? avatar = null)
    {
        Avatar = avatar ?? AvatarMesh.Canonical;
        int n = Avatar.VertexCount;
        _laplacian = new MeshLaplacian(n, Avatar.TriangleIndices);
        _avatarDifferential = new Vector3[n];
        _laplacian.Apply(Avatar.Positions, _avatarDifferential);

        var normal = new double[n * n];
        _laplacian.AddNormalMatrix(normal);
        double mu2 = (double)PositionWeight * PositionWeight;
        for (int i = 0; i < n; i++) normal[i * n + i] += mu2;
        _system = new EnvelopeCholesky(normal, n);

        _neutral = new Vector3[n];
        _localScale = new float[n];
        _displacement = new Vector3[n];
        _differential = new Vector3[n];
        _rightHandSide = new Vector256<double>[n];
        _scratch = new Vector256<double>[n];
    }

    public AvatarMesh Avatar { get; }

    /// <summary>True once <see cref="SetNeutral"/> has given the person's neutral face.</summary>
    public bool HasNeutral { get; private set; }

    /// <summary>Largest distance of a factor row's first entry from the diagonal, after renumbering.</summary>
    public int Bandwidth => _system.Bandwidth;

    /// <summary>Entries in the Cholesky factor: a frame's solve costs about twice this many multiply-adds (x, y, z together).</summary>
    public int FactorEntries => _system.EnvelopeSize;

    /// <summary>The linear map (row-vector convention, no translation) from the person's neutral face to the avatar, fitted by least squares.</summary>
    public Matrix4x4 PersonToAvatar => _personToAvatar;

    /// <summary>
    /// The person's neutral (expressionless) metric mesh, e.g. from <see cref="NeutralFaceEstimator"/>
    /// or <see cref="FaceGeometry.MeshVertices"/> of a calibration frame. Allocates nothing.
    /// </summary>
    /// <exception cref="ArgumentException">Too few vertices, or a degenerate (flat) mesh.</exception>
    public void SetNeutral(ReadOnlySpan<Vector3> personNeutral)
    {
        int n = _neutral.Length;
        if (personNeutral.Length < n)
            throw new ArgumentException($"The neutral mesh needs {n} vertices; got {personNeutral.Length}.", nameof(personNeutral));
        Matrix4x4 map = FitLinearMap(personNeutral[..n], Avatar.Positions);
        personNeutral[..n].CopyTo(_neutral);
        _personToAvatar = map;
        ReadOnlySpan<Vector3> rest = Avatar.Positions;
        for (int i = 0; i < n; i++)
        {
            float avatarRing = 0, mappedRing = 0;
            foreach (int j in _laplacian.Neighbours(i))
            {
                avatarRing += Vector3.Distance(rest[i], rest[j]);
                mappedRing += Vector3.TransformNormal(_neutral[i] - _neutral[j], map).Length();
            }
            _localScale[i] = mappedRing > 0 ? Math.Clamp(avatarRing / mappedRing, MinLocalScale, MaxLocalScale) : 1f;
        }
        HasNeutral = true;
    }

    /// <summary>
    /// Writes the avatar, carrying the expression of <paramref name="trackedMesh"/> (the person's
    /// metric mesh, pose removed: <see cref="FaceGeometry.MeshVertices"/>), to
    /// <paramref name="destination"/> in the avatar's frame. Allocates nothing.
    /// </summary>
    /// <exception cref="InvalidOperationException">No neutral yet.</exception>
    /// <exception cref="ArgumentException">Too few vertices or too small a destination.</exception>
    public void Retarget(ReadOnlySpan<Vector3> trackedMesh, Span<Vector3> destination)
    {
        if (!HasNeutral) throw new InvalidOperationException("Set the person's neutral face (SetNeutral) before retargeting.");
        int n = _neutral.Length;
        if (trackedMesh.Length < n) throw new ArgumentException($"The tracked mesh needs {n} vertices; got {trackedMesh.Length}.", nameof(trackedMesh));
        if (destination.Length < n) throw new ArgumentException($"The destination holds {destination.Length} vertices; the avatar has {n}.", nameof(destination));

        for (int i = 0; i < n; i++) _displacement[i] = Vector3.TransformNormal(trackedMesh[i] - _neutral[i], _personToAvatar);
        _laplacian.Apply(_displacement, _differential);
        for (int i = 0; i < n; i++) _differential[i] += _avatarDifferential[i];

        Vector256<double> weight = Vector256.Create((double)PositionWeight * PositionWeight);
        ReadOnlySpan<Vector3> rest = Avatar.Positions;
        for (int i = 0; i < n; i++)
        {
            Vector3 target = rest[i] + _localScale[i] * _displacement[i];
            _rightHandSide[i] = weight * Vector256.Create(target.X, target.Y, target.Z, 0);
        }
        _laplacian.AddTransposeApplied(_differential, _rightHandSide);
        _system.Solve(_rightHandSide, _scratch);
        for (int i = 0; i < n; i++)
        {
            Vector256<double> x = _rightHandSide[i];
            destination[i] = new Vector3((float)x[0], (float)x[1], (float)x[2]);
        }
    }

    /// <summary>T minimising Σ ‖T (p_i − p̄) − (q_i − q̄)‖², as a row-vector matrix.</summary>
    private static Matrix4x4 FitLinearMap(ReadOnlySpan<Vector3> from, ReadOnlySpan<Vector3> to)
    {
        Vector3 fromMean = Mean(from), toMean = Mean(to);
        // Column-vector T = C Q⁻¹ with C = Σ q pᵀ and Q = Σ p pᵀ (centred).
        Span<double> c = stackalloc double[9];
        Span<double> q = stackalloc double[9];
        for (int i = 0; i < from.Length; i++)
        {
            Vector3 p = from[i] - fromMean, t = to[i] - toMean;
            for (int r = 0; r < 3; r++)
                for (int k = 0; k < 3; k++)
                {
                    c[r * 3 + k] += t[r] * (double)p[k];
                    q[r * 3 + k] += p[r] * (double)p[k];
                }
        }
        double det = q[0] * (q[4] * q[8] - q[5] * q[7])
                   - q[1] * (q[3] * q[8] - q[5] * q[6])
                   + q[2] * (q[3] * q[7] - q[4] * q[6]);
        double scale = q[0] + q[4] + q[8];
        if (!(Math.Abs(det) > 1e-9 * scale * scale * scale))
            throw new ArgumentException("The neutral mesh is degenerate (flat or collapsed).", nameof(from));
        Span<double> inverse = stackalloc double[9];
        for (int r = 0; r < 3; r++)
            for (int k = 0; k < 3; k++)
            {
                int r1 = (k + 1) % 3, r2 = (k + 2) % 3, c1 = (r + 1) % 3, c2 = (r + 2) % 3;
                inverse[r * 3 + k] = (q[r1 * 3 + c1] * q[r2 * 3 + c2] - q[r1 * 3 + c2] * q[r2 * 3 + c1]) / det;
            }
        var map = Matrix4x4.Identity;
        for (int r = 0; r < 3; r++)
            for (int k = 0; k < 3; k++)
            {
                double sum = 0;
                for (int m = 0; m < 3; m++) sum += c[r * 3 + m] * inverse[m * 3 + k];
                // Row-vector convention: element (k, r) of the .NET matrix is column-vector (r, k).
                map[k, r] = (float)sum;
            }
        return map;
    }

    private static Vector3 Mean(ReadOnlySpan<Vector3> points)
    {
        Vector3 sum = Vector3.Zero;
        foreach (Vector3 p in points) sum += p;
        return sum / points.Length;
    }
}
