namespace FaceMesh.Imaging;

/// <summary>
/// A rectangle in pixel coordinates of an image, rotated about its centre. Pixel <c>(k, l)</c> is
/// centred at <c>(k, l)</c>; y points down, so a positive <see cref="Rotation"/> (radians) turns
/// the rectangle clockwise on screen.
/// </summary>
internal readonly record struct RotatedRect(float CenterX, float CenterY, float Width, float Height, float Rotation)
{
    /// <summary>The whole image, unrotated: centre (W/2, H/2), size W x H.</summary>
    public static RotatedRect WholeImage(int width, int height) =>
        new(0.5f * width, 0.5f * height, width, height, 0f);
}
