using FaceMesh.Detectors;

namespace FaceMesh.Tests.Detectors;

public class LetterboxTests
{
    [Fact]
    public void Landscape_640_by_480_pads_vertically()
    {
        var letterbox = new LetterboxTransform(640, 480, 128, 128);
        Assert.Equal(new Imaging.RotatedRect(320, 240, 640, 640, 0), letterbox.Region);
        // x_img = u, y_img = (640 v - 80) / 480.
        var (x, y) = letterbox.Project(0.25f, 0.5f);
        Assert.Equal(0.25f, x, 1e-6f);
        Assert.Equal(0.5f, y, 1e-6f);
        (x, y) = letterbox.Project(0.9f, 0.125f);
        Assert.Equal(0.9f, x, 1e-6f);
        Assert.Equal((640 * 0.125f - 80) / 480, y, 1e-6f);
    }

    [Fact]
    public void Portrait_pads_horizontally_and_projects_boxes_and_keypoints()
    {
        var letterbox = new LetterboxTransform(300, 600, 128, 128);
        Assert.Equal(new Imaging.RotatedRect(150, 300, 600, 600, 0), letterbox.Region);
        var c = new DetectionCandidate { Score = 1, Box = new BoundingBox(0.25f, 0.1f, 0.5f, 0.2f) };
        c.Keypoints[0] = 0.5f;
        c.Keypoints[1] = 0.5f;
        letterbox.Project(ref c);
        // x_img = (600 u - 150) / 300.
        Assert.Equal(0f, c.Box.XMin, 1e-6f);
        Assert.Equal(1f, c.Box.Width, 1e-6f);
        Assert.Equal(0.1f, c.Box.YMin, 1e-6f);
        Assert.Equal(0.2f, c.Box.Height, 1e-6f);
        Assert.Equal(0.5f, c.Keypoints[0], 1e-6f);
    }
}
