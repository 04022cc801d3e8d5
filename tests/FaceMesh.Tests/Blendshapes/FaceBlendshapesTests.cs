using FaceMesh.Blendshapes;

namespace FaceMesh.Tests.Blendshapes;

/// <summary>The score container: MediaPipe's order and names, lookups, clamping, which categories are estimated.</summary>
public sealed class FaceBlendshapesTests
{
    [Fact]
    public void Categories_are_MediaPipes_52_in_its_order()
    {
        Assert.Equal(52, Enum.GetValues<Blendshape>().Length);
        Assert.Equal("_neutral", FaceBlendshapes.GetCategoryName(Blendshape.Neutral));
        Assert.Equal("browDownLeft", FaceBlendshapes.GetCategoryName((Blendshape)1));
        Assert.Equal("jawOpen", FaceBlendshapes.GetCategoryName((Blendshape)25));
        Assert.Equal("noseSneerRight", FaceBlendshapes.GetCategoryName((Blendshape)51));
        foreach (Blendshape shape in Enum.GetValues<Blendshape>().Skip(1))
            Assert.Equal(shape.ToString(), char.ToUpperInvariant(FaceBlendshapes.GetCategoryName(shape)[0]) + FaceBlendshapes.GetCategoryName(shape)[1..]);
    }

    [Fact]
    public void Scores_are_found_by_enum_index_and_either_name_and_clamped()
    {
        var scores = new FaceBlendshapes();
        scores.Set(Blendshape.JawOpen, 0.42f);
        scores.Set(Blendshape.EyeBlinkLeft, 3f);
        scores.Set(Blendshape.MouthLeft, float.NaN);
        Assert.Equal(0.42f, scores[Blendshape.JawOpen]);
        Assert.Equal(0.42f, scores[25]);
        Assert.Equal(0.42f, scores["jawOpen"]);
        Assert.Equal(0.42f, scores["JawOpen"]);
        Assert.Equal(1f, scores["eyeBlinkLeft"]);
        Assert.Equal(0f, scores[Blendshape.MouthLeft]);
        Assert.False(scores.TryGetScore("tongueOut", out _));
        Assert.Throws<KeyNotFoundException>(() => scores["jawopen"]);
        Assert.Throws<ArgumentOutOfRangeException>(() => scores[(Blendshape)52]);
        var copy = new FaceBlendshapes();
        scores.CopyTo(copy);
        Assert.Equal(scores.Scores.ToArray(), copy.Scores.ToArray());
    }

    [Fact]
    public void At_least_the_papers_mouth_and_eye_coefficients_are_estimated()
    {
        Blendshape[] required =
        [
            Blendshape.JawOpen, Blendshape.MouthClose, Blendshape.MouthFunnel, Blendshape.MouthPucker, Blendshape.MouthSmileLeft, Blendshape.MouthSmileRight,
            Blendshape.MouthFrownLeft, Blendshape.MouthFrownRight, Blendshape.MouthStretchLeft, Blendshape.MouthStretchRight, Blendshape.MouthLeft, Blendshape.MouthRight,
            Blendshape.EyeBlinkLeft, Blendshape.EyeWideLeft, Blendshape.EyeSquintLeft, Blendshape.EyeLookUpLeft, Blendshape.EyeLookDownLeft, Blendshape.EyeLookInLeft,
            Blendshape.EyeLookOutLeft, Blendshape.EyeBlinkRight, Blendshape.EyeWideRight, Blendshape.EyeSquintRight, Blendshape.EyeLookUpRight, Blendshape.EyeLookDownRight,
            Blendshape.EyeLookInRight, Blendshape.EyeLookOutRight, Blendshape.BrowInnerUp, Blendshape.BrowDownLeft, Blendshape.BrowOuterUpLeft, Blendshape.CheekPuff,
        ];
        foreach (Blendshape shape in required) Assert.True(FaceBlendshapes.IsEstimated(shape), shape.ToString());
        Assert.False(FaceBlendshapes.IsEstimated(Blendshape.MouthRollLower));
        Assert.Equal(44, FaceBlendshapes.EstimatedBlendshapes.Length);
    }

    [Fact]
    public void Estimating_into_reused_storage_allocates_nothing()
    {
        ExpressionMesh face = ExpressionMesh.Canonical().OpenJaw(1f);
        var estimator = new FaceBlendshapeEstimator { AdaptNeutral = true };
        var scores = new FaceBlendshapes();
        for (int i = 0; i < 10; i++) estimator.TryEstimate(face.Mesh, face.Iris, scores);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10; i++) Assert.True(estimator.TryEstimate(face.Mesh, face.Iris, scores));
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Adaptation_settles_on_the_persons_rest_face_and_calibration_replaces_it()
    {
        // A face whose brows sit 4 mm higher than the typical one reads browInnerUp until the neutral adapts.
        ExpressionMesh person = ExpressionMesh.Canonical();
        var estimator = new FaceBlendshapeEstimator { AdaptNeutral = true };
        var scores = new FaceBlendshapes();
        estimator.TryEstimate(person.Mesh, person.Iris, scores);
        float first = scores[Blendshape.BrowInnerUp];
        for (int i = 0; i < 100; i++) estimator.TryEstimate(person.Mesh, person.Iris, scores);
        Assert.True(first > 0.3f, $"first frame browInnerUp {first}");
        Assert.True(scores[Blendshape.BrowInnerUp] < 0.03f, $"after adapting {scores[Blendshape.BrowInnerUp]}");
        // The lip gap never adapts: closed lips are neutral for everyone.
        Assert.True(scores[Blendshape.JawOpen] > 0.1f, $"canonical lips (5.5 mm apart) read jawOpen {scores[Blendshape.JawOpen]}");

        estimator.ResetNeutral();
        estimator.TryEstimate(person.Mesh, person.Iris, scores);
        Assert.Equal(first, scores[Blendshape.BrowInnerUp], 4);
        Assert.True(estimator.CalibrateNeutral(person.Mesh, person.Iris));
        estimator.TryEstimate(person.Mesh, person.Iris, scores);
        Assert.Equal(0f, scores[Blendshape.JawOpen]);
        Assert.Equal(0f, scores[Blendshape.BrowInnerUp]);
        Assert.Throws<ArgumentException>(() => estimator.TryEstimate(person.Mesh.AsSpan(0, 400), [], scores));
    }
}
