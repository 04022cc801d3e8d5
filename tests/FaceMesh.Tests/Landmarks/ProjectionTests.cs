using FaceMesh.Landmarks;

namespace FaceMesh.Tests.Landmarks;

public class ProjectionTests
{
    [Fact]
    public void Maps_crop_points_through_a_rotated_roi_and_scales_z_by_its_width()
    {
        var roi = new NormalizedRect(0.5f, 0.4f, 0.2f, 0.3f, MathF.PI / 2);
        Span<NormalizedLandmark> points = [new(0.5f, 0.5f, 0.1f), new(1f, 0.5f, 0f), new(0.5f, 0f, 0f)];
        LandmarkProjection.Project(points, roi);
        Assert.Equal(new NormalizedLandmark(0.5f, 0.4f, 0.1f * 0.2f), points[0]);
        // Crop +x (right) turns clockwise to image +y (down).
        Assert.Equal(0.5f, points[1].X, 1e-6f);
        Assert.Equal(0.4f + 0.5f * 0.3f, points[1].Y, 1e-6f);
        // Crop top (-y) turns to image +x.
        Assert.Equal(0.5f + 0.5f * 0.2f, points[2].X, 1e-6f);
        Assert.Equal(0.4f, points[2].Y, 1e-6f);
    }

    [Fact]
    public void Decodes_tensor_values_by_dividing_by_192()
    {
        var output = new NormalizedLandmark[2];
        LandmarkTensorDecoder.DecodeXyz([96f, 48f, -19.2f, 192f, 0f, 0f], output);
        Assert.Equal(new NormalizedLandmark(0.5f, 0.25f, -0.1f), output[0]);
        Assert.Equal(new NormalizedLandmark(1f, 0f, 0f), output[1]);
    }

    [Fact]
    public void Face_flag_is_a_sigmoid_compared_strictly()
    {
        Assert.Equal(0.5f, FaceFlag.Probability(0f));
        Assert.False(FaceFlag.IsPresent(0.5f, 0.5f));
        Assert.True(FaceFlag.IsPresent(0.50001f, 0.5f));
    }
}
