using FaceMesh.Imaging;

namespace FaceMesh.Detectors;

/// <summary>
/// The detector's view of an image (detection.md sections 2.2 and 6): the whole image padded to
/// a centred square of side max(W, H) (no stretching), and the affine map that takes points
/// normalised to that square back to normalised image coordinates, in float as MediaPipe's
/// projection matrix holds it.
/// </summary>
internal readonly struct LetterboxTransform
{
    private readonly float _m0, _m1, _m3, _m4, _m5, _m7;

    public LetterboxTransform(int imageWidth, int imageHeight, int tensorWidth, int tensorHeight)
        : this(PadToAspect(RotatedRect.WholeImage(imageWidth, imageHeight), tensorWidth, tensorHeight), imageWidth, imageHeight)
    {
    }

    /// <summary>
    /// The detector's view of any region of the image (a tile, or the image turned by a quarter
    /// turn): the region must already have the tensor's aspect ratio.
    /// </summary>
    public LetterboxTransform(RotatedRect region, int imageWidth, int imageHeight)
    {
        Region = region;
        float a = Region.Width, b = Region.Height;
        float c = MathF.Cos(Region.Rotation), d = MathF.Sin(Region.Rotation);
        float g = 1f / imageWidth, h = 1f / imageHeight;
        _m0 = a * c * g;
        _m1 = -b * d * g;
        _m3 = (-0.5f * a * c + 0.5f * b * d + Region.CenterX) * g;
        _m4 = a * d * h;
        _m5 = b * c * h;
        _m7 = (-0.5f * b * c - 0.5f * a * d + Region.CenterY) * h;
    }

    /// <summary>The padded region to crop, in image pixels.</summary>
    public RotatedRect Region { get; }

    public (float X, float Y) Project(float u, float v) => (u * _m0 + v * _m1 + _m3, u * _m4 + v * _m5 + _m7);

    /// <summary>Maps keypoints and the box (as the bounding box of its projected corners) in place.</summary>
    public void Project(ref DetectionCandidate candidate)
    {
        for (int k = 0; k < DetectionCandidate.KeypointCount; k++)
            (candidate.Keypoints[2 * k], candidate.Keypoints[2 * k + 1]) = Project(candidate.Keypoints[2 * k], candidate.Keypoints[2 * k + 1]);

        BoundingBox box = candidate.Box;
        float right = box.XMin + box.Width, bottom = box.YMin + box.Height;
        var (x0, y0) = Project(box.XMin, box.YMin);
        var (x1, y1) = Project(right, box.YMin);
        var (x2, y2) = Project(right, bottom);
        var (x3, y3) = Project(box.XMin, bottom);
        float xMin = Math.Min(Math.Min(x0, x1), Math.Min(x2, x3)), xMax = Math.Max(Math.Max(x0, x1), Math.Max(x2, x3));
        float yMin = Math.Min(Math.Min(y0, y1), Math.Min(y2, y3)), yMax = Math.Max(Math.Max(y0, y1), Math.Max(y2, y3));
        candidate.Box = new BoundingBox(xMin, yMin, xMax - xMin, yMax - yMin);
    }

    private static RotatedRect PadToAspect(RotatedRect roi, int tensorWidth, int tensorHeight)
    {
        float tensorAspect = (float)tensorHeight / tensorWidth;
        float roiAspect = roi.Height / roi.Width;
        return tensorAspect > roiAspect
            ? roi with { Height = roi.Width * tensorAspect }
            : roi with { Width = roi.Height / tensorAspect };
    }
}
