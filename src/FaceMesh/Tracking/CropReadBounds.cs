using System.Drawing;

namespace FaceMesh.Tracking;

/// <summary>
/// The pixels that cropping a set of rotated ROIs out of an image can read, as one axis-aligned
/// rectangle inside the image. Every output pixel of a crop samples a point inside its ROI
/// (OpenCV convention: pixel centres at integers; GPU convention: the same point half a pixel
/// further up and left), and a bilinear sample reads the pixel at or before that point and the
/// one after it; a tap outside the image is clamped to its edge, which lands inside the clamped
/// rectangle as well.
/// </summary>
internal static class CropReadBounds
{
    /// <summary>
    /// Pixels added on every side beyond the ROI's exact bounding box: half a pixel for the GPU
    /// convention's texel centres, one for the second bilinear tap, and the rest for the float
    /// rounding of the corners and of OpenCV's 1/32-pixel source positions, with room to spare.
    /// </summary>
    public const int Margin = 3;

    /// <summary>
    /// The union of what cropping each of <paramref name="rois"/> reads from a
    /// <paramref name="imageWidth"/> x <paramref name="imageHeight"/> image, clamped to it; null
    /// when an ROI is not finite (the caller must then assume the whole image is read).
    /// </summary>
    public static Rectangle? Union(IReadOnlyList<NormalizedRect> rois, int imageWidth, int imageHeight)
    {
        if (rois.Count == 0) return null;
        double left = double.PositiveInfinity, top = double.PositiveInfinity;
        double right = double.NegativeInfinity, bottom = double.NegativeInfinity;
        foreach (NormalizedRect roi in rois)
        {
            if (!float.IsFinite(roi.XCenter) || !float.IsFinite(roi.YCenter) || !float.IsFinite(roi.Width)
                || !float.IsFinite(roi.Height) || !float.IsFinite(roi.Rotation))
                return null;
            // In double from the same float products the crop uses, so its float error stays far inside the margin.
            double centreX = (double)(roi.XCenter * imageWidth), centreY = (double)(roi.YCenter * imageHeight);
            double width = Math.Abs((double)(roi.Width * imageWidth)), height = Math.Abs((double)(roi.Height * imageHeight));
            double cos = Math.Abs(Math.Cos(roi.Rotation)), sin = Math.Abs(Math.Sin(roi.Rotation));
            double halfX = 0.5 * (cos * width + sin * height), halfY = 0.5 * (sin * width + cos * height);
            left = Math.Min(left, centreX - halfX);
            right = Math.Max(right, centreX + halfX);
            top = Math.Min(top, centreY - halfY);
            bottom = Math.Max(bottom, centreY + halfY);
        }
        int x0 = ClampedPixel(Math.Floor(left) - Margin, imageWidth), x1 = ClampedPixel(Math.Ceiling(right) + Margin, imageWidth);
        int y0 = ClampedPixel(Math.Floor(top) - Margin, imageHeight), y1 = ClampedPixel(Math.Ceiling(bottom) + Margin, imageHeight);
        return new Rectangle(x0, y0, x1 - x0 + 1, y1 - y0 + 1);
    }

    // Clamping is monotonic, so the clamped taps of every position in [left, right] stay between the clamped ends.
    private static int ClampedPixel(double position, int size) => (int)Math.Clamp(position, 0, size - 1);
}
