namespace FaceMesh.Imaging;

/// <summary>
/// Resamples a rotated rectangle of an image into a float tensor (NHWC, batch 1, channels R, G, B),
/// as MediaPipe's ImageToTensorCalculator does. The rectangle's top-left corner (before rotation)
/// lands on the tensor's top-left; nothing is stretched beyond what the rectangle's aspect implies.
/// Allocation-free; safe to call concurrently on different destinations.
/// </summary>
internal static class ImageToTensor
{
    /// <summary>Fills <paramref name="destination"/> (at least <see cref="CropTarget.Length"/> floats).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Invalid target, sampling, or a non-finite or empty region.</exception>
    /// <exception cref="ArgumentException">Destination too small.</exception>
    public static void Crop(ImageView image, RotatedRect region, CropTarget target, Sampling sampling, Span<float> destination) =>
        Crop(image, region, target, sampling, destination, CpuSamplerKind.OpenCvFixedPoint);

    internal static void Crop(ImageView image, RotatedRect region, CropTarget target, Sampling sampling, Span<float> destination, CpuSamplerKind cpuKind)
    {
        target.Validate();
        if (destination.Length < target.Length)
            throw new ArgumentException($"Destination holds {destination.Length} floats; a {target.Width}x{target.Height}x3 tensor needs {target.Length}.", nameof(destination));
        if (!float.IsFinite(region.CenterX) || !float.IsFinite(region.CenterY) || !float.IsFinite(region.Rotation)
            || !(region.Width > 0 && float.IsFinite(region.Width)) || !(region.Height > 0 && float.IsFinite(region.Height)))
            throw new ArgumentOutOfRangeException(nameof(region), region, "The region must be finite with positive width and height.");
        if (image.Pixels.IsEmpty)
            throw new ArgumentException("The image view is empty (default).", nameof(image));

        switch (sampling)
        {
            case Sampling.MediaPipeCpu when cpuKind == CpuSamplerKind.FloatRounded:
                FloatCpuSampler.Crop(image, region, target, destination);
                break;
            case Sampling.MediaPipeCpu:
                OpenCvSampler.Crop(image, region, target, destination);
                break;
            case Sampling.MediaPipeGpu:
                GlSampler.Crop(image, region, target, destination);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(sampling), sampling, "Unknown sampling convention.");
        }
    }
}
