namespace FaceMesh.Media.Png;

/// <summary>The IHDR colour type: which samples a pixel has.</summary>
internal enum PngColorType : byte
{
    Gray = 0,
    Rgb = 2,
    Palette = 3,
    GrayAlpha = 4,
    Rgba = 6,
}
