namespace FaceMesh.Imaging;

/// <summary>What a crop reads where the region extends past the image.</summary>
internal enum SamplingBorder
{
    /// <summary>Black (value 0 before range scaling), as the face detector's letterbox.</summary>
    Zero = 0,

    /// <summary>The nearest edge pixel, as the landmark model's crop.</summary>
    Replicate = 1,
}
