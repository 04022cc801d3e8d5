using System.Numerics;
using FaceMesh.Geometry;

namespace FaceMesh.Tests.Geometry;

/// <summary>The standalone estimator's contract: inputs, outputs, conventions, reuse.</summary>
public sealed class FaceGeometryEstimatorTests
{
    private static readonly GeometryGoldenImage Astronaut = GeometryOracle.Stills().Single(i => i.Name == "astronaut.png");
    private static NormalizedLandmark[] AstronautLandmarks => Astronaut.Faces[0].Landmarks;

    [Fact]
    public void Mesh_projects_back_onto_the_landmarks()
    {
        FaceGeometry geometry = new FaceGeometryEstimator().Estimate(AstronautLandmarks, Astronaut.Width, Astronaut.Height)!;
        var pixels = new Vector2[468];
        geometry.ProjectMeshToImage(pixels);
        for (int i = 0; i < 468; i++)
        {
            var expected = new Vector2(AstronautLandmarks[i].X * Astronaut.Width, AstronautLandmarks[i].Y * Astronaut.Height);
            Assert.True(Vector2.Distance(expected, pixels[i]) < 1e-3f, $"vertex {i}: {pixels[i]} vs {expected}");
        }
    }

    [Fact]
    public void Pose_is_a_rotation_with_unit_scale_placing_the_face_in_front_of_the_camera()
    {
        FaceGeometry geometry = new FaceGeometryEstimator().Estimate(AstronautLandmarks, Astronaut.Width, Astronaut.Height)!;
        Matrix4x4 pose = geometry.PoseTransform;
        Assert.True(Matrix4x4.Decompose(pose, out Vector3 scale, out _, out Vector3 translation));
        Assert.Equal(1f, scale.X, 1e-5f);
        Assert.Equal(1f, scale.Y, 1e-5f);
        Assert.Equal(1f, scale.Z, 1e-5f);
        Assert.True(translation.Z < -20, $"face at {translation}");
        Assert.Equal(new Vector4(0, 0, 0, 1), new Vector4(pose.M14, pose.M24, pose.M34, pose.M44));
        Vector3 camera = geometry.GetCameraSpaceVertex(4);
        Assert.True(Vector3.Distance(camera, Vector3.Transform(geometry.MeshVertices[4], pose)) < 1e-4f);

        Span<float> rows = stackalloc float[16];
        geometry.CopyPoseRowMajorTo(rows);
        Assert.Equal(pose.M41, rows[3]); // translation in the last column of MediaPipe's matrix
        Assert.Equal(pose.M12, rows[4]);
        Assert.Equal([0f, 0f, 0f, 1f], rows[12..].ToArray());
    }

    [Fact]
    public void Only_the_first_468_of_478_landmarks_are_used()
    {
        var estimator = new FaceGeometryEstimator();
        NormalizedLandmark[] refined = [.. AstronautLandmarks, .. Enumerable.Repeat(new NormalizedLandmark(0.9f, 0.1f, -5f), 10)];
        FaceGeometry a = estimator.Estimate(AstronautLandmarks, Astronaut.Width, Astronaut.Height)!;
        FaceGeometry b = estimator.Estimate(refined, Astronaut.Width, Astronaut.Height)!;
        Assert.Equal(a.PoseTransform, b.PoseTransform);
        Assert.Equal(a.MeshVertices.ToArray(), b.MeshVertices.ToArray());
    }

    [Fact]
    public void A_face_squeezed_into_a_point_gets_no_geometry()
    {
        NormalizedLandmark[] tiny = [.. AstronautLandmarks.Select(p => new NormalizedLandmark(0.5f + (p.X - 0.5f) * 1e-3f, 0.5f + (p.Y - 0.5f) * 1e-3f, p.Z))];
        Assert.Null(new FaceGeometryEstimator().Estimate(tiny, Astronaut.Width, Astronaut.Height));
    }

    [Fact]
    public void Bad_arguments_throw()
    {
        var estimator = new FaceGeometryEstimator();
        var geometry = new FaceGeometry();
        Assert.Throws<ArgumentException>(() => estimator.TryEstimate(AstronautLandmarks.AsSpan(0, 467), 512, 512, geometry));
        Assert.Throws<ArgumentOutOfRangeException>(() => estimator.TryEstimate(AstronautLandmarks, 0, 512, geometry));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FaceGeometryEstimator(new PerspectiveCamera { VerticalFovDegrees = 180 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FaceGeometryEstimator(new PerspectiveCamera { Near = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FaceGeometryEstimator(new PerspectiveCamera { Far = 0.5f }));
        CanonicalFaceModel other = CanonicalFaceModel.Parse(FaceMesh.Models.MediaPipeModels.ReadAllBytes(FaceMesh.Models.MediaPipeModel.GeometryPipelineMetadata));
        Assert.Throws<ArgumentException>(() => estimator.TryEstimate(AstronautLandmarks, 512, 512, new FaceGeometry(other)));
    }

    [Fact]
    public void A_wider_field_of_view_puts_the_same_face_closer()
    {
        FaceGeometry narrow = new FaceGeometryEstimator().Estimate(AstronautLandmarks, Astronaut.Width, Astronaut.Height)!;
        FaceGeometry wide = new FaceGeometryEstimator(new PerspectiveCamera { VerticalFovDegrees = 90 }).Estimate(AstronautLandmarks, Astronaut.Width, Astronaut.Height)!;
        Assert.True(wide.PoseTransform.M43 > narrow.PoseTransform.M43, $"{wide.PoseTransform.M43} vs {narrow.PoseTransform.M43}");
        var pixels = new Vector2[468];
        wide.ProjectMeshToImage(pixels);
        Assert.True(Vector2.Distance(pixels[1], new Vector2(AstronautLandmarks[1].X * 512, AstronautLandmarks[1].Y * 512)) < 1e-3f);
    }

    [Fact]
    public void Estimating_into_reused_storage_allocates_nothing()
    {
        var estimator = new FaceGeometryEstimator();
        var geometry = new FaceGeometry();
        NormalizedLandmark[] landmarks = AstronautLandmarks;
        for (int i = 0; i < 10; i++) estimator.TryEstimate(landmarks, 512, 512, geometry);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10; i++) Assert.True(estimator.TryEstimate(landmarks, 512, 512, geometry));
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
