namespace FaceMesh.Media.Sniffing;

/// <summary>Still-image containers recognised by their magic bytes.</summary>
internal enum ImageContainer
{
    Jpeg,
    Png,
    WebP,
    Bmp,
    Tiff,
    Gif,
    Pnm,
}

/// <summary>
/// What a file's first bytes declare, read by us before any decoder runs: which demuxer may open
/// it, the declared size (to refuse decompression bombs before decoding), and the EXIF orientation.
/// </summary>
/// <param name="Width">Declared width, or 0 when the header keeps it out of reach (a TIFF whose
/// directory sits at the end of the file); the decoder's own pixel limit applies then.</param>
/// <param name="Components">Colour components of a JPEG frame (4 = CMYK/YCCK), else 0.</param>
/// <param name="Orientation">EXIF orientation 1..8 (1 = stored upright).</param>
internal readonly record struct ImageHeader(
    ImageContainer Container, string Demuxer, long Width, long Height, int Components, int Orientation)
{
    public bool HasSize => Width > 0 && Height > 0;

    /// <summary>Whether the declared size is above <paramref name="maxPixels"/>; in floating point,
    /// because two 32-bit dimensions can multiply past the range of a long.</summary>
    public bool Exceeds(long maxPixels) => HasSize && Width * (double)Height > maxPixels;
}

internal enum HeaderStatus
{
    /// <summary>A supported image whose header was parsed.</summary>
    Recognised,
    /// <summary>No still-image signature: maybe a video container, maybe anything.</summary>
    Unrecognised,
    /// <summary>The header continues beyond the bytes given.</summary>
    NeedMoreData,
    /// <summary>The signature matched but the header is broken.</summary>
    Malformed,
}

internal readonly record struct HeaderParse(HeaderStatus Status, ImageHeader Header, string? Problem)
{
    public static HeaderParse Ok(ImageHeader header) => new(HeaderStatus.Recognised, header, null);
    public static HeaderParse Unrecognised { get; } = new(HeaderStatus.Unrecognised, default, null);
    public static HeaderParse NeedMore { get; } = new(HeaderStatus.NeedMoreData, default, null);
    public static HeaderParse Bad(string problem) => new(HeaderStatus.Malformed, default, problem);
}
