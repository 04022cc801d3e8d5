using System.Numerics;

namespace FaceMesh.Geometry;

/// <summary>
/// Turns normalised screen landmarks into centimetres in camera space and fits the canonical model
/// to them, the way MediaPipe's geometry pipeline does. Screen z is only relative (depth about the
/// head centre, in image-width units), so the absolute depth comes from the face's size: a first
/// fit on the near-plane projection gives the scale, the landmarks are pushed out to the depth where
/// that scale becomes 1 and unprojected, a second fit corrects the scale, and the landmarks are
/// unprojected once more with the product of both scales. Float throughout, like MediaPipe.
/// Owns its working buffers, so one instance serves one thread.
/// </summary>
internal sealed class ScreenToMetricConverter
{
    private readonly CanonicalFaceModel _model;
    private readonly Vector3[] _screen;
    private readonly Vector3[] _working;
    private readonly Vector3[] _extra = new Vector3[FaceGeometry.IrisPointCount];

    public ScreenToMetricConverter(CanonicalFaceModel model)
    {
        _model = model;
        _screen = new Vector3[model.VertexCount];
        _working = new Vector3[model.VertexCount];
    }

    /// <summary>
    /// Fits the pose and writes the camera-space landmarks, moved into the canonical model's frame
    /// (pose⁻¹ applied), to <paramref name="meshVertices"/>. False where MediaPipe's solver fails.
    /// </summary>
    public bool TryConvert(ReadOnlySpan<NormalizedLandmark> landmarks, in CameraFrustum frustum, Span<Vector3> meshVertices, out SimilarityPose pose) =>
        TryConvert(landmarks, frustum, meshVertices, [], [], out pose);

    /// <summary>
    /// As the other overload, and also carries <paramref name="extraLandmarks"/> (the attention
    /// mesh's iris points) through the same depth, scale and pose into <paramref name="extraVertices"/>,
    /// without letting them influence the fit.
    /// </summary>
    public bool TryConvert(
        ReadOnlySpan<NormalizedLandmark> landmarks, in CameraFrustum frustum, Span<Vector3> meshVertices,
        ReadOnlySpan<NormalizedLandmark> extraLandmarks, Span<Vector3> extraVertices, out SimilarityPose pose)
    {
        ProjectToNearPlane(landmarks, frustum, _screen);
        float depthOffset = MeanDepth(_screen);

        // First pass: the near-plane projection itself, only mirrored into the right-handed frame;
        // unprojecting needs a depth, and relative screen z does not give one yet.
        for (int i = 0; i < _screen.Length; i++) _working[i] = new Vector3(_screen[i].X, _screen[i].Y, -_screen[i].Z);
        if (!TryEstimateScale(_working, out float firstScale)) { pose = default; return false; }

        Unproject(_screen, frustum, depthOffset, firstScale, _working);
        if (!TryEstimateScale(_working, out float secondScale)) { pose = default; return false; }

        Span<Vector3> metric = _working;
        Unproject(_screen, frustum, depthOffset, firstScale * secondScale, metric);
        if (!ProcrustesSolver.TrySolve(_model.Positions, metric, _model.ProcrustesWeights, out pose)) return false;

        Span<float> inverse = stackalloc float[16];
        PoseInverse.Compute(pose, inverse);
        ToModelFrame(metric, inverse, meshVertices);
        if (!extraLandmarks.IsEmpty)
        {
            Span<Vector3> extra = _extra.AsSpan(0, extraLandmarks.Length);
            ProjectToNearPlane(extraLandmarks, frustum, extra);
            Unproject(extra, frustum, depthOffset, firstScale * secondScale, extra);
            ToModelFrame(extra, inverse, extraVertices);
        }
        return true;
    }

    private static void ToModelFrame(ReadOnlySpan<Vector3> metric, ReadOnlySpan<float> inverse, Span<Vector3> destination)
    {
        for (int i = 0; i < metric.Length; i++)
        {
            Vector3 p = metric[i];
            destination[i] = new Vector3(
                inverse[0] * p.X + inverse[1] * p.Y + inverse[2] * p.Z + inverse[3],
                inverse[4] * p.X + inverse[5] * p.Y + inverse[6] * p.Z + inverse[7],
                inverse[8] * p.X + inverse[9] * p.Y + inverse[10] * p.Z + inverse[11]);
        }
    }

    /// <summary>x, y onto the near-plane rectangle (y flipped: screen rows grow downwards), z in the x scale.</summary>
    private static void ProjectToNearPlane(ReadOnlySpan<NormalizedLandmark> landmarks, in CameraFrustum frustum, Span<Vector3> screen)
    {
        float xScale = frustum.Right - frustum.Left;
        float yScale = frustum.Top - frustum.Bottom;
        for (int i = 0; i < screen.Length; i++)
        {
            NormalizedLandmark p = landmarks[i];
            float flippedY = 1f - p.Y;
            screen[i] = new Vector3(p.X * xScale + frustum.Left, flippedY * yScale + frustum.Bottom, p.Z * xScale);
        }
    }

    private static float MeanDepth(ReadOnlySpan<Vector3> points)
    {
        float sum = 0;
        foreach (Vector3 p in points) sum += p.Z;
        return sum / points.Length;
    }

    /// <summary>
    /// Places the landmarks at depth (z − offset + near) / scale, scales x and y by depth / near
    /// (undoing the perspective division) and mirrors z into the right-handed frame.
    /// </summary>
    private static void Unproject(ReadOnlySpan<Vector3> screen, in CameraFrustum frustum, float depthOffset, float scale, Span<Vector3> destination)
    {
        float near = frustum.Near;
        for (int i = 0; i < screen.Length; i++)
        {
            Vector3 p = screen[i];
            float depth = (p.Z - depthOffset + near) / scale;
            destination[i] = new Vector3(p.X * depth / near, p.Y * depth / near, -depth);
        }
    }

    /// <summary>The uniform scale of the canonical-to-landmarks fit (length of the pose's first column).</summary>
    private bool TryEstimateScale(ReadOnlySpan<Vector3> targets, out float scale)
    {
        scale = 0;
        if (!ProcrustesSolver.TrySolve(_model.Positions, targets, _model.ProcrustesWeights, out SimilarityPose fit)) return false;
        float x = fit.Linear[0, 0], y = fit.Linear[1, 0], z = fit.Linear[2, 0];
        scale = MathF.Sqrt(x * x + y * y + z * z);
        return true;
    }
}
