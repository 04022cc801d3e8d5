namespace FaceMesh;

/// <summary>
/// A rotated rectangle in normalised image coordinates (MediaPipe's <c>NormalizedRect</c>):
/// <see cref="XCenter"/> and <see cref="Width"/> are fractions of the image width,
/// <see cref="YCenter"/> and <see cref="Height"/> of the image height; <see cref="Rotation"/> is in
/// radians, positive = clockwise on screen (y points down).
/// </summary>
public readonly record struct NormalizedRect(float XCenter, float YCenter, float Width, float Height, float Rotation)
{
    /// <summary>The same rectangle in pixels of a <paramref name="imageWidth"/> x <paramref name="imageHeight"/> image.</summary>
    internal Imaging.RotatedRect ToPixels(int imageWidth, int imageHeight) =>
        new(XCenter * imageWidth, YCenter * imageHeight, Width * imageWidth, Height * imageHeight, Rotation);
}
