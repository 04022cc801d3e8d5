namespace FaceMesh.Imaging;

/// <summary>Two computations of <see cref="Sampling.MediaPipeCpu"/>; both exist so tests can compare them.</summary>
internal enum CpuSamplerKind
{
    /// <summary>OpenCV's fixed-point arithmetic (1/32-pixel coordinates): the default.</summary>
    OpenCvFixedPoint,

    /// <summary>Exact coordinates, double bilinear, rounded to 8 bits.</summary>
    FloatRounded,
}
