namespace FaceMesh.Imaging;

/// <summary>
/// Shape and value range of the tensor a crop writes: NHWC with batch 1 and channels R, G, B, so
/// <c>Width * Height * 3</c> floats. An 8-bit value <c>p</c> becomes
/// <c>p * (RangeMax - RangeMin) / 255 + RangeMin</c>.
/// </summary>
internal readonly record struct CropTarget(int Width, int Height, float RangeMin, float RangeMax, SamplingBorder Border)
{
    /// <summary>Number of floats the tensor holds.</summary>
    public int Length => checked(Width * Height * 3);

    internal void Validate()
    {
        if (Width <= 0 || Height <= 0)
            throw new ArgumentOutOfRangeException(nameof(Width), $"Tensor size must be positive, got {Width}x{Height}.");
        if (!(RangeMin < RangeMax))
            throw new ArgumentOutOfRangeException(nameof(RangeMin), $"Value range must have min < max, got [{RangeMin}, {RangeMax}].");
        if (Border is not (SamplingBorder.Zero or SamplingBorder.Replicate))
            throw new ArgumentOutOfRangeException(nameof(Border), Border, "Unknown border mode.");
    }
}
