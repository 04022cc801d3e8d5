namespace FaceMesh.Imaging;

/// <summary>
/// Maps a tensor's pixel grid to source pixel coordinates the way MediaPipe's OpenCV converter
/// does: the ROI's corners are computed in float (OpenCV's RotatedRect with the angle in degrees),
/// the corner-to-tensor-corner homography is solved and inverted in double. Output pixel
/// <c>(i, j)</c> then samples <c>OutputToSource(i, j)</c> with no half-pixel offset.
/// </summary>
internal static class OpenCvRoiCorners
{
    public static Homography OutputToSource(RotatedRect roi, int outputWidth, int outputHeight)
    {
        // The float round trip through degrees is deliberate: it is what the corners are built from.
        float degrees = (float)(roi.Rotation * 180f / Math.PI);
        double radians = degrees * Math.PI / 180.0;
        float halfCos = (float)Math.Cos(radians) * 0.5f;
        float halfSin = (float)Math.Sin(radians) * 0.5f;
        float cx = roi.CenterX, cy = roi.CenterY, w = roi.Width, h = roi.Height;

        float bottomLeftX = cx - halfSin * h - halfCos * w;
        float bottomLeftY = cy + halfCos * h - halfSin * w;
        float topLeftX = cx + halfSin * h - halfCos * w;
        float topLeftY = cy - halfCos * h - halfSin * w;
        float topRightX = 2 * cx - bottomLeftX;
        float topRightY = 2 * cy - bottomLeftY;
        float bottomRightX = 2 * cx - topLeftX;
        float bottomRightY = 2 * cy - topLeftY;

        ReadOnlySpan<(float, float)> corners =
        [
            (bottomLeftX, bottomLeftY), (topLeftX, topLeftY), (topRightX, topRightY), (bottomRightX, bottomRightY),
        ];
        float ow = outputWidth, oh = outputHeight;
        ReadOnlySpan<(float, float)> outputCorners = [(0f, oh), (0f, 0f), (ow, 0f), (ow, oh)];
        return Homography.FromQuad(corners, outputCorners).Inverse();
    }
}
