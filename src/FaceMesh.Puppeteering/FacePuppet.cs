using System.Numerics;
using FaceMesh.Geometry;

namespace FaceMesh.Puppeteering;

/// <summary>
/// One tracked face driving one avatar: the neutral estimate, the retargeting and the head pose,
/// frame after frame. Feed it each frame's <see cref="FaceGeometry"/> (<see cref="Face.Geometry"/>,
/// with <see cref="FaceLandmarkerOptions.OutputFacialTransformationMatrixes"/> on); read the
/// avatar's expression in its own frame from <see cref="Vertices"/> and the head's rotation from
/// <see cref="HeadRotation"/>. Allocation-free per frame once the neutral estimate has settled
/// (and while it settles: its buffers are made up front). Not thread-safe; one per face.
/// </summary>
public sealed class FacePuppet
{
    private readonly Vector3[] _vertices;
    private int _neutralVersion = -1;

    /// <param name="avatar">null: <see cref="AvatarMesh.Canonical"/>.</param>
    /// <param name="neutralFrames">Frames the automatic neutral estimate takes (see <see cref="NeutralFaceEstimator"/>).</param>
    public FacePuppet(AvatarMesh? avatar = null, int neutralFrames = NeutralFaceEstimator.DefaultFrameCount)
    {
        Retargeter = new ExpressionRetargeter(avatar);
        NeutralEstimate = new NeutralFaceEstimator(Retargeter.Avatar.VertexCount, neutralFrames);
        _vertices = Retargeter.Avatar.Positions.ToArray();
    }

    public ExpressionRetargeter Retargeter { get; }

    public NeutralFaceEstimator NeutralEstimate { get; }

    public AvatarMesh Avatar => Retargeter.Avatar;

    /// <summary>The avatar after the last <see cref="Update"/> (its rest shape before the first), in the avatar's frame.</summary>
    public ReadOnlySpan<Vector3> Vertices => _vertices;

    /// <summary>The tracked head's rotation (model → camera space, scale and translation removed).</summary>
    public Quaternion HeadRotation { get; private set; } = Quaternion.Identity;

    /// <summary>Uses this frame's mesh as the person's neutral face from now on.</summary>
    public void CalibrateNeutral(FaceGeometry geometry)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        NeutralEstimate.Calibrate(geometry.MeshVertices);
    }

    /// <summary>Moves the avatar to this frame's expression and head pose.</summary>
    public void Update(FaceGeometry geometry)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        Update(geometry.MeshVertices, geometry.PoseTransform);
    }

    /// <summary>
    /// Moves the avatar to the expression of a metric mesh (pose removed, cm) and the rotation of
    /// <paramref name="pose"/> (model → camera, row-vector convention, as <see cref="FaceGeometry.PoseTransform"/>).
    /// </summary>
    public void Update(ReadOnlySpan<Vector3> metricMesh, Matrix4x4 pose)
    {
        NeutralEstimate.Observe(metricMesh);
        if (NeutralEstimate.Version != _neutralVersion)
        {
            Retargeter.SetNeutral(NeutralEstimate.Neutral);
            _neutralVersion = NeutralEstimate.Version;
        }
        Retargeter.Retarget(metricMesh, _vertices);
        HeadRotation = RotationOf(pose);
    }

    /// <summary>The rotation of a similarity transform (row-vector convention).</summary>
    public static Quaternion RotationOf(Matrix4x4 pose)
    {
        float scale = new Vector3(pose.M11, pose.M12, pose.M13).Length();
        if (!(scale > 0)) return Quaternion.Identity;
        var rotation = new Matrix4x4(
            pose.M11 / scale, pose.M12 / scale, pose.M13 / scale, 0,
            pose.M21 / scale, pose.M22 / scale, pose.M23 / scale, 0,
            pose.M31 / scale, pose.M32 / scale, pose.M33 / scale, 0,
            0, 0, 0, 1);
        return Quaternion.Normalize(Quaternion.CreateFromRotationMatrix(rotation));
    }
}
