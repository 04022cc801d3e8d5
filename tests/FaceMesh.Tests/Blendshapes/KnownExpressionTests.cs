using FaceMesh.Blendshapes;

namespace FaceMesh.Tests.Blendshapes;

/// <summary>
/// Known deformations of a neutral face give the documented scores: the named category responds
/// monotonically and reaches change / range (README's table), and no other category passes 0.1.
/// The estimator is calibrated on the undeformed face, so the scores measure exactly the deformation.
/// </summary>
public sealed class KnownExpressionTests
{
    private const float Tolerance = 0.02f;
    private const float Unrelated = 0.1f;

    public static TheoryData<string> Expressions => ["jaw", "blink", "outerBrow", "innerBrows", "widen", "smile", "look"];

    [Theory]
    [MemberData(nameof(Expressions))]
    public void Canonical_face_deformed_by_known_amounts(string expression) => CheckExpression(ExpressionMesh.Canonical(), expression);

    [FixtureTheory("astronaut.png")]
    [MemberData(nameof(Expressions))]
    public void Real_face_metric_mesh_deformed_by_known_amounts(string expression) => CheckExpression(RealFace.Astronaut(), expression);

    private sealed record Case(Blendshape Shape, Func<ExpressionMesh, float, ExpressionMesh> Deform, float[] Amounts, Func<float, float> Expected, Blendshape[] Related);

    private static void CheckExpression(ExpressionMesh neutral, string expression)
    {
        var estimator = new FaceBlendshapeEstimator();
        Assert.True(estimator.CalibrateNeutral(neutral.Mesh, neutral.Iris));
        float s = neutral.Scale;
        (Blendshape shape, Func<ExpressionMesh, float, ExpressionMesh> deform, float[] amounts, Func<float, float> expected, Blendshape[] related) = expression switch
        {
            // Lengths in the face's own cm; expected scores from the rules' ranges over the face's scale.
            "jaw" => new Case(Blendshape.JawOpen, (m, a) => m.OpenJaw(a), [0.35f * s, 0.7f * s, 1.4f * s, 2.8f * s], a => a / s / 3.5f, [Blendshape.JawOpen]),
            "blink" => new Case(Blendshape.EyeBlinkLeft, (m, a) => m.CloseLeftEye(a), [0.2f, 0.4f, 0.6f, 0.75f], a => Math.Min(1f, 0.05f + 0.95f * a / 0.8f),
                [Blendshape.EyeBlinkLeft, Blendshape.EyeBlinkRight]),
            "outerBrow" => new Case(Blendshape.BrowOuterUpLeft, (m, a) => m.RaiseLeftOuterBrow(a), [0.2f * s, 0.5f * s, 0.8f * s], a => a / s,
                [Blendshape.BrowOuterUpLeft]),
            "innerBrows" => new Case(Blendshape.BrowInnerUp, (m, a) => m.RaiseInnerBrows(a), [0.2f * s, 0.5f * s, 0.8f * s], a => a / s,
                [Blendshape.BrowInnerUp, Blendshape.BrowOuterUpLeft, Blendshape.BrowOuterUpRight]),
            "widen" => new Case(Blendshape.MouthStretchLeft, (m, a) => m.WidenMouth(a), [0.1f * s, 0.3f * s, 0.6f * s], a => a / s / 0.8f,
                [Blendshape.MouthStretchLeft, Blendshape.MouthStretchRight]),
            "smile" => new Case(Blendshape.MouthSmileLeft, (m, a) => m.RaiseMouthCorners(a), [0.1f * s, 0.3f * s, 0.6f * s], a => a / s / 0.8f,
                [Blendshape.MouthSmileLeft, Blendshape.MouthSmileRight]),
            "look" => new Case(Blendshape.EyeLookOutLeft, (m, a) => m.LookLeftOut(a), [0.02f, 0.05f, 0.1f, 0.15f], a => a / 0.2f, [Blendshape.EyeLookOutLeft]),
            _ => throw new ArgumentOutOfRangeException(nameof(expression)),
        };

        var scores = new FaceBlendshapes();
        float previous = -1;
        foreach (float amount in amounts)
        {
            ExpressionMesh face = deform(neutral.Clone(), amount);
            Assert.True(estimator.TryEstimate(face.Mesh, face.Iris, scores));
            float score = scores[shape];
            Assert.True(score > previous, $"{shape} not increasing: {score} after {previous} at {amount}");
            Assert.True(MathF.Abs(score - expected(amount)) <= Tolerance, $"{shape} at {amount}: {score}, documented {expected(amount)}");
            previous = score;
            foreach (Blendshape other in FaceBlendshapes.EstimatedBlendshapes)
            {
                if (other == Blendshape.Neutral || Array.IndexOf(related, other) >= 0) continue;
                float rest = other is Blendshape.EyeBlinkLeft or Blendshape.EyeBlinkRight ? 0.05f : 0f;
                Assert.True(scores[other] - rest < Unrelated, $"{expression} {amount}: {other} = {scores[other]}");
            }
        }
        // The mirror-image side moves with symmetric deformations only.
        if (expression is "widen" or "smile")
            Assert.Equal(scores[shape], scores[shape + 1], 3);
    }
}
