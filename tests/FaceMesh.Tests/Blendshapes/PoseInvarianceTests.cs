using System.Numerics;
using FaceMesh.Blendshapes;
using FaceMesh.Geometry;

namespace FaceMesh.Tests.Blendshapes;

/// <summary>
/// The same expression seen from random head poses (rotations up to 30° about each axis, the head
/// anywhere in view, near or far), projected through the camera into 478 screen landmarks, scores
/// the same: the whole estimate (screen → metric mesh → scores) moves no category by more than 0.05.
/// </summary>
public sealed class PoseInvarianceTests
{
    private const int Width = 1280, Height = 720;

    [Fact]
    public void Scores_do_not_depend_on_head_pose_or_position()
    {
        ExpressionMesh face = ExpressionMesh.Canonical().OpenJaw(1.2f).CloseLeftEye(0.5f).RaiseMouthCorners(0.3f).RaiseInnerBrows(0.4f).LookLeftOut(0.08f);
        var geometryEstimator = new FaceGeometryEstimator();
        var estimator = new FaceBlendshapeEstimator();
        var geometry = new FaceGeometry();
        var frontal = new FaceBlendshapes();
        var posed = new FaceBlendshapes();

        Assert.True(geometryEstimator.TryEstimate(Project(face, Matrix4x4.CreateTranslation(0, 0, -50)), Width, Height, geometry));
        Assert.True(estimator.TryEstimate(geometry, frontal));
        Assert.True(frontal[Blendshape.JawOpen] > 0.3f, $"jawOpen {frontal[Blendshape.JawOpen]}");
        Assert.True(frontal[Blendshape.EyeBlinkLeft] > 0.5f, $"eyeBlinkLeft {frontal[Blendshape.EyeBlinkLeft]}");
        Assert.True(frontal[Blendshape.EyeLookOutLeft] > 0.2f, $"eyeLookOutLeft {frontal[Blendshape.EyeLookOutLeft]}");

        var random = new Random(9);
        for (int trial = 0; trial < 40; trial++)
        {
            float Angle() => (float)((random.NextDouble() * 2 - 1) * Math.PI / 6);
            Matrix4x4 pose = Matrix4x4.CreateFromYawPitchRoll(Angle(), Angle(), Angle())
                * Matrix4x4.CreateTranslation((float)(random.NextDouble() * 16 - 8), (float)(random.NextDouble() * 10 - 5), -(float)(35 + random.NextDouble() * 60));
            Assert.True(geometryEstimator.TryEstimate(Project(face, pose), Width, Height, geometry));
            Assert.True(estimator.TryEstimate(geometry, posed));
            for (int i = 0; i < FaceBlendshapes.Count; i++)
                Assert.True(MathF.Abs(posed[i] - frontal[i]) <= 0.05f, $"trial {trial}: {(Blendshape)i} {posed[i]} vs frontal {frontal[i]}");
        }
    }

    /// <summary>
    /// Screen landmarks of a face placed by <paramref name="pose"/>: x, y through the camera, z the
    /// depth relative to the face's mean depth in image-width units at the face's distance (MediaPipe's
    /// landmark z), so the geometry stage recovers the metric mesh.
    /// </summary>
    private static NormalizedLandmark[] Project(ExpressionMesh face, Matrix4x4 pose)
    {
        PerspectiveCamera camera = PerspectiveCamera.MediaPipeDefault;
        var frustum = new CameraFrustum(camera, Width, Height);
        Vector3[] points = [.. face.Mesh.Concat(face.Iris).Select(p => Vector3.Transform(p, pose))];
        float meanDepth = -points.Take(face.Mesh.Length).Average(p => p.Z);
        float widthAtFace = (frustum.Right - frustum.Left) * meanDepth / frustum.Near;
        return [.. points.Select(p =>
        {
            Vector2 pixel = camera.ProjectToImage(p, Width, Height);
            return new NormalizedLandmark(pixel.X / Width, pixel.Y / Height, (-p.Z - meanDepth) / widthAtFace);
        })];
    }
}
