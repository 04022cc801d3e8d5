using System.Numerics;
using FaceMesh.Geometry;

namespace FaceMesh.Blendshapes;

/// <summary>
/// Estimates blendshape scores (<see cref="FaceBlendshapes"/>) from a face's metric, pose-normalised
/// mesh (<see cref="FaceGeometry"/>): each score is one geometric measure of this face (lip gap,
/// eyelid gap over eye width, iris offset in the eye, brow height, mouth-corner position, …),
/// compared with the same measure on a neutral face and divided by a documented range.
/// <see cref="FaceLandmarker"/> runs one when <see cref="FaceLandmarkerOptions.OutputFaceBlendshapes"/>
/// is on; use one directly for geometry from elsewhere.
/// </summary>
/// <remarks>
/// <para>The neutral face starts as a typical face at rest as the landmark model draws it (lips
/// closed, gaze centred). Lengths are taken relative to this face's own eye spacing and eye widths,
/// so that neutral fits faces of any size and most proportions. What remains of a person's own
/// shape (a mouth that sits low, narrow eyes, high brows) is removed by
/// <see cref="CalibrateNeutral(FaceGeometry)"/> (a frame of this person at rest) or, for video, by
/// <see cref="AdaptNeutral"/>.</para>
/// <para>Not thread-safe (it keeps a working buffer); allocates nothing after construction.</para>
/// </remarks>
public sealed class FaceBlendshapeEstimator
{
    private static readonly int MeasureCount = Enum.GetValues<ExpressionMeasure>().Length;
    private static readonly float[] DefaultNeutral = TypicalNeutral.Create();
    private static readonly float[] AdaptationSteps = NeutralAdaptation.Steps(DefaultNeutral);

    private readonly float[] _neutral = (float[])DefaultNeutral.Clone();
    private readonly float[] _measures = new float[MeasureCount];
    private int _adaptedFrames;

    /// <summary>Whether <see cref="CalibrateNeutral(FaceGeometry)"/> replaced the default neutral face.</summary>
    public bool IsCalibrated { get; private set; }

    /// <summary>
    /// Video: let every estimate move the neutral face a small step towards the current face (a
    /// running median of each measure with steps that start at a fifth of its range and shrink as
    /// 1/frame to 0.1%, so it settles within about a second, then hardly drifts, and blinks or a
    /// passing smile barely move it). The lip gap stays neutral at closed
    /// lips, so a person who talks all the time still reads jawOpen in full. Off by default; off
    /// while calibrated (a calibration is taken as the truth).
    /// </summary>
    public bool AdaptNeutral { get; set; }

    /// <summary>
    /// Scores the face <paramref name="geometry"/> describes into <paramref name="destination"/>, using its
    /// iris points for the eyeLook categories when it has them (they read 0 otherwise).
    /// </summary>
    /// <returns>False (and <paramref name="destination"/> cleared) when the mesh is degenerate.</returns>
    public bool TryEstimate(FaceGeometry geometry, FaceBlendshapes destination)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        return TryEstimate(geometry.MeshVertices, geometry.IrisVertices, destination);
    }

    /// <summary>
    /// Scores a metric mesh in the canonical model's frame (468 vertices, cm, pose removed: as
    /// <see cref="FaceGeometry.MeshVertices"/>), with its 10 iris points in the same frame or none.
    /// </summary>
    /// <exception cref="ArgumentException">Fewer than 468 vertices, or 1..9 iris points.</exception>
    public bool TryEstimate(ReadOnlySpan<Vector3> meshVertices, ReadOnlySpan<Vector3> irisVertices, FaceBlendshapes destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        CheckInput(meshVertices, irisVertices);
        Span<float> scores = destination.WritableScores;
        scores.Clear();
        if (!ExpressionMeasurer.TryMeasure(meshVertices, irisVertices, _measures)) return false;

        float strongest = 0;
        foreach (BlendshapeRule rule in BlendshapeRules.All)
        {
            int measure = (int)rule.Measure;
            float score = rule.Score(_measures[measure], _neutral[measure]);
            scores[(int)rule.Shape] = score;
            strongest = MathF.Max(strongest, score);
        }
        scores[(int)Blendshape.Neutral] = 1f - strongest;
        // After scoring, so a frame is scored against what came before it.
        if (AdaptNeutral && !IsCalibrated)
        {
            NeutralAdaptation.Step(_measures, _neutral, AdaptationSteps, _adaptedFrames);
            if (_adaptedFrames < int.MaxValue) _adaptedFrames++;
        }
        return true;
    }

    /// <summary>
    /// Takes this face, as <paramref name="geometry"/> shows it, as the person's neutral expression
    /// (eyes open looking ahead, mouth closed and relaxed) for every later estimate.
    /// </summary>
    /// <returns>False (calibration unchanged) when the mesh is degenerate.</returns>
    public bool CalibrateNeutral(FaceGeometry geometry)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        return CalibrateNeutral(geometry.MeshVertices, geometry.IrisVertices);
    }

    /// <summary>As <see cref="CalibrateNeutral(FaceGeometry)"/>, from a metric mesh and its iris points (or none: the gaze neutral stays straight ahead).</summary>
    /// <exception cref="ArgumentException">Fewer than 468 vertices, or 1..9 iris points.</exception>
    public bool CalibrateNeutral(ReadOnlySpan<Vector3> meshVertices, ReadOnlySpan<Vector3> irisVertices)
    {
        CheckInput(meshVertices, irisVertices);
        if (!ExpressionMeasurer.TryMeasure(meshVertices, irisVertices, _measures)) return false;
        for (int i = 0; i < MeasureCount; i++)
            if (float.IsFinite(_measures[i])) _neutral[i] = _measures[i];
        IsCalibrated = true;
        return true;
    }

    /// <summary>Returns to the default neutral face (forgets calibration and adaptation).</summary>
    public void ResetNeutral()
    {
        DefaultNeutral.CopyTo(_neutral, 0);
        _adaptedFrames = 0;
        IsCalibrated = false;
    }

    private static void CheckInput(ReadOnlySpan<Vector3> meshVertices, ReadOnlySpan<Vector3> irisVertices)
    {
        if (meshVertices.Length < CanonicalFaceModel.Default.VertexCount)
            throw new ArgumentException($"The mesh needs {CanonicalFaceModel.Default.VertexCount} vertices; got {meshVertices.Length}.", nameof(meshVertices));
        if (!irisVertices.IsEmpty && irisVertices.Length < FaceGeometry.IrisPointCount)
            throw new ArgumentException($"Iris points come in a set of {FaceGeometry.IrisPointCount}; got {irisVertices.Length}.", nameof(irisVertices));
    }
}
