namespace FaceMesh.Thorough;

/// <summary>
/// Another look of the landmark model at a refined face: the crop scaled, turned in plane, shifted
/// along its own axes and/or mirrored. Its landmarks come back in image coordinates, so views can be
/// combined point by point.
/// </summary>
/// <param name="Scale">Side of the crop relative to the refined one.</param>
/// <param name="Mirrored">The crop is flipped left to right before the model sees it.</param>
/// <param name="TurnDegrees">Added to the crop's rotation, clockwise on screen.</param>
/// <param name="ShiftX">Centre moved along the crop's own x axis, in fractions of its width.</param>
/// <param name="ShiftY">Centre moved along the crop's own y axis, in fractions of its height.</param>
internal readonly record struct CropView(float Scale, bool Mirrored, float TurnDegrees = 0f, float ShiftX = 0f, float ShiftY = 0f)
{
    /// <summary>The crop this view looks at, from the refined one in an image of the given size.</summary>
    public NormalizedRect Apply(in NormalizedRect crop, int imageWidth, int imageHeight)
    {
        // Shifts are along the crop's turned axes, so they are worked out in pixels.
        float cos = MathF.Cos(crop.Rotation), sin = MathF.Sin(crop.Rotation);
        float dx = ShiftX * crop.Width * imageWidth, dy = ShiftY * crop.Height * imageHeight;
        float xCenter = crop.XCenter + (cos * dx - sin * dy) / imageWidth;
        float yCenter = crop.YCenter + (sin * dx + cos * dy) / imageHeight;
        return new NormalizedRect(xCenter, yCenter, crop.Width * Scale, crop.Height * Scale, crop.Rotation + TurnDegrees * MathF.PI / 180f);
    }
}
