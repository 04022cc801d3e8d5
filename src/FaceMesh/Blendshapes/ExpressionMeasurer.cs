using System.Numerics;

namespace FaceMesh.Blendshapes;

/// <summary>
/// Measures the <see cref="ExpressionMeasure"/> quantities on a metric face mesh in the canonical
/// model's frame (+x the subject's left, +y up, +z out of the face), so head pose, distance and
/// image size are already gone. Lengths are rescaled by the canonical eye spacing over this face's,
/// which makes one set of ranges fit every face size and proportion.
/// </summary>
internal static class ExpressionMeasurer
{
    private static class Index
    {
        // MediaPipe face-mesh topology; "Right" = the subject's right (image left, −x).
        public const int RightEyeOuter = 33, RightEyeInner = 133, LeftEyeOuter = 263, LeftEyeInner = 362;
        public static readonly int[] RightUpperLid = [160, 159, 158], RightLowerLid = [144, 145, 153];
        public static readonly int[] LeftUpperLid = [387, 386, 385], LeftLowerLid = [373, 374, 380];
        public const int RightIrisCentre = 0, LeftIrisCentre = 5; // within the 10 iris points 468..477
        public static readonly int[] RightBrowInner = [107, 55, 66, 65], LeftBrowInner = [336, 285, 296, 295];
        public static readonly int[] RightBrowOuter = [70, 46, 63, 53], LeftBrowOuter = [300, 276, 293, 283];
        public static readonly int[] UpperInnerLip = [82, 13, 312], LowerInnerLip = [87, 14, 317];
        public const int UpperLipCentre = 0, LowerLipCentre = 17, UpperInnerLipCentre = 13;
        public const int RightMouthCorner = 61, LeftMouthCorner = 291;
        public const int NoseTip = 4, NoseBase = 2, Chin = 152;
        public static readonly int[] RightCheek = [50, 205, 187], LeftCheek = [280, 425, 411];
        public const int RightNoseWing = 98, LeftNoseWing = 327;
        public static readonly int[] RightUpperLip = [37, 39], LeftUpperLip = [267, 269];
        public static readonly int[] RightLowerLip = [84, 181], LeftLowerLip = [314, 405];
    }

    /// <summary>Iris points the measurer reads (the 478-point mesh's 468..477).</summary>
    public const int IrisPointCount = 10;

    private const float JawToLipGapRatio = 0.7f;

    /// <summary>Eye-centre spacing of <see cref="Geometry.CanonicalFaceModel.Default"/> (cm), the unit lengths are rescaled to.</summary>
    public static readonly float CanonicalEyeSpacing = EyeSpacing(Geometry.CanonicalFaceModel.Default.Positions);

    /// <summary>
    /// Fills <paramref name="measures"/> (one per <see cref="ExpressionMeasure"/>). Iris measures are
    /// NaN without <paramref name="iris"/> (10 points). False when the mesh is degenerate (eyes on top of each other).
    /// </summary>
    public static bool TryMeasure(ReadOnlySpan<Vector3> mesh, ReadOnlySpan<Vector3> iris, Span<float> measures)
    {
        float spacing = EyeSpacing(mesh);
        if (!(spacing > 1e-4f)) return false;
        float unit = CanonicalEyeSpacing / spacing;

        MeasureEye(mesh, iris, Index.LeftEyeOuter, Index.LeftEyeInner, Index.LeftUpperLid, Index.LeftLowerLid, Index.LeftIrisCentre,
            out measures[(int)ExpressionMeasure.EyeOpenLeftRatio], out measures[(int)ExpressionMeasure.LowerLidLeftRatio],
            out measures[(int)ExpressionMeasure.IrisOutLeftRatio], out measures[(int)ExpressionMeasure.IrisUpLeftRatio]);
        MeasureEye(mesh, iris, Index.RightEyeOuter, Index.RightEyeInner, Index.RightUpperLid, Index.RightLowerLid, Index.RightIrisCentre,
            out measures[(int)ExpressionMeasure.EyeOpenRightRatio], out measures[(int)ExpressionMeasure.LowerLidRightRatio],
            out measures[(int)ExpressionMeasure.IrisOutRightRatio], out measures[(int)ExpressionMeasure.IrisUpRightRatio]);

        float leftInner = (MeanY(mesh, Index.LeftBrowInner) - mesh[Index.LeftEyeInner].Y) * unit;
        float rightInner = (MeanY(mesh, Index.RightBrowInner) - mesh[Index.RightEyeInner].Y) * unit;
        float leftOuter = (MeanY(mesh, Index.LeftBrowOuter) - mesh[Index.LeftEyeOuter].Y) * unit;
        float rightOuter = (MeanY(mesh, Index.RightBrowOuter) - mesh[Index.RightEyeOuter].Y) * unit;
        measures[(int)ExpressionMeasure.BrowInner] = 0.5f * (leftInner + rightInner);
        measures[(int)ExpressionMeasure.BrowOuterLeft] = leftOuter;
        measures[(int)ExpressionMeasure.BrowOuterRight] = rightOuter;
        measures[(int)ExpressionMeasure.BrowLeft] = 0.5f * (leftInner + leftOuter);
        measures[(int)ExpressionMeasure.BrowRight] = 0.5f * (rightInner + rightOuter);

        float lipGap = (MeanY(mesh, Index.UpperInnerLip) - MeanY(mesh, Index.LowerInnerLip)) * unit;
        Vector3 noseBase = mesh[Index.NoseBase], noseTip = mesh[Index.NoseTip], chin = mesh[Index.Chin];
        measures[(int)ExpressionMeasure.LipGap] = lipGap;
        measures[(int)ExpressionMeasure.LipSeal] = JawToLipGapRatio * (noseBase.Y - chin.Y) * unit - lipGap;

        Vector3 left = mesh[Index.LeftMouthCorner], right = mesh[Index.RightMouthCorner];
        Vector3 upperInner = mesh[Index.UpperInnerLipCentre];
        Vector3 upperOuter = mesh[Index.UpperLipCentre], lowerOuter = mesh[Index.LowerLipCentre];
        float midline = 0.25f * (upperInner.X + mesh[Index.LowerInnerLip[1]].X + upperOuter.X + lowerOuter.X);
        measures[(int)ExpressionMeasure.CornerUpLeft] = (left.Y - upperInner.Y) * unit;
        measures[(int)ExpressionMeasure.CornerUpRight] = (right.Y - upperInner.Y) * unit;
        measures[(int)ExpressionMeasure.CornerOutLeft] = (left.X - midline) * unit;
        measures[(int)ExpressionMeasure.CornerOutRight] = (midline - right.X) * unit;
        measures[(int)ExpressionMeasure.MouthWidth] = Vector2.Distance(new Vector2(left.X, left.Y), new Vector2(right.X, right.Y)) * unit;
        measures[(int)ExpressionMeasure.MouthShift] = (midline - 0.5f * (noseTip.X + noseBase.X)) * unit;
        measures[(int)ExpressionMeasure.LipProtrusion] = (0.5f * (upperOuter.Z + lowerOuter.Z) - noseBase.Z) * unit;

        float cheekSpan = MeanX(mesh, Index.LeftCheek) - MeanX(mesh, Index.RightCheek);
        float eyeSpan = mesh[Index.LeftEyeOuter].X - mesh[Index.RightEyeOuter].X;
        measures[(int)ExpressionMeasure.CheekSpanRatio] = cheekSpan / eyeSpan;
        measures[(int)ExpressionMeasure.NoseWingLeft] = (mesh[Index.LeftNoseWing].Y - noseTip.Y) * unit;
        measures[(int)ExpressionMeasure.NoseWingRight] = (mesh[Index.RightNoseWing].Y - noseTip.Y) * unit;
        measures[(int)ExpressionMeasure.CheekLeft] = (MeanY(mesh, Index.LeftCheek) - noseTip.Y) * unit;
        measures[(int)ExpressionMeasure.CheekRight] = (MeanY(mesh, Index.RightCheek) - noseTip.Y) * unit;
        measures[(int)ExpressionMeasure.ChinSide] = (chin.X - 0.5f * (noseTip.X + noseBase.X)) * unit;
        measures[(int)ExpressionMeasure.ChinForward] = (chin.Z - noseBase.Z) * unit;
        measures[(int)ExpressionMeasure.UpperLipDropLeft] = (noseBase.Y - MeanY(mesh, Index.LeftUpperLip)) * unit;
        measures[(int)ExpressionMeasure.UpperLipDropRight] = (noseBase.Y - MeanY(mesh, Index.RightUpperLip)) * unit;
        measures[(int)ExpressionMeasure.LowerLipHeightLeft] = (MeanY(mesh, Index.LeftLowerLip) - chin.Y) * unit;
        measures[(int)ExpressionMeasure.LowerLipHeightRight] = (MeanY(mesh, Index.RightLowerLip) - chin.Y) * unit;
        return true;
    }

    private static void MeasureEye(
        ReadOnlySpan<Vector3> mesh, ReadOnlySpan<Vector3> iris, int outerIndex, int innerIndex, int[] upperLid, int[] lowerLid, int irisCentre,
        out float open, out float lowerLidHeight, out float irisOut, out float irisUp)
    {
        Vector2 outer = Xy(mesh[outerIndex]), inner = Xy(mesh[innerIndex]);
        Vector2 centre = 0.5f * (outer + inner);
        Vector2 towardsOuter = outer - inner;
        float width = towardsOuter.Length();
        towardsOuter /= width;
        // Up perpendicular to the corner line, so a tilted eye of this person is not read as a gaze.
        var up = new Vector2(-towardsOuter.Y, towardsOuter.X);
        if (up.Y < 0) up = -up;

        float lowerHeight = MeanAlong(mesh, lowerLid, centre, up);
        open = (MeanAlong(mesh, upperLid, centre, up) - lowerHeight) / width;
        lowerLidHeight = lowerHeight / width;
        if (iris.Length >= IrisPointCount)
        {
            Vector2 offset = Xy(iris[irisCentre]) - centre;
            irisOut = Vector2.Dot(offset, towardsOuter) / width;
            irisUp = Vector2.Dot(offset, up) / width;
        }
        else
        {
            irisOut = float.NaN;
            irisUp = float.NaN;
        }
    }

    private static float EyeSpacing(ReadOnlySpan<Vector3> mesh)
    {
        Vector3 left = 0.5f * (mesh[Index.LeftEyeOuter] + mesh[Index.LeftEyeInner]);
        Vector3 right = 0.5f * (mesh[Index.RightEyeOuter] + mesh[Index.RightEyeInner]);
        return Vector3.Distance(left, right);
    }

    private static float MeanAlong(ReadOnlySpan<Vector3> mesh, int[] indices, Vector2 origin, Vector2 direction)
    {
        float sum = 0;
        foreach (int i in indices) sum += Vector2.Dot(Xy(mesh[i]) - origin, direction);
        return sum / indices.Length;
    }

    private static float MeanY(ReadOnlySpan<Vector3> mesh, int[] indices)
    {
        float sum = 0;
        foreach (int i in indices) sum += mesh[i].Y;
        return sum / indices.Length;
    }

    private static float MeanX(ReadOnlySpan<Vector3> mesh, int[] indices)
    {
        float sum = 0;
        foreach (int i in indices) sum += mesh[i].X;
        return sum / indices.Length;
    }

    private static Vector2 Xy(Vector3 p) => new(p.X, p.Y);
}
