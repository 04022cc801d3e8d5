using System.Buffers.Binary;

namespace FaceMesh.Media.Png;

/// <summary>The IHDR chunk's fields, and whether the in-process decoder handles that kind of image.</summary>
internal readonly record struct PngImageHeader(
    int Width, int Height, byte BitDepth, PngColorType ColorType, byte Compression, byte Filter, byte Interlace)
{
    public const int Length = 13;

    /// <returns>Null when a dimension is zero or beyond the specification's 2^31-1.</returns>
    public static PngImageHeader? TryParse(ReadOnlySpan<byte> data)
    {
        if (data.Length != Length) return null;
        uint width = BinaryPrimitives.ReadUInt32BigEndian(data);
        uint height = BinaryPrimitives.ReadUInt32BigEndian(data[4..]);
        if (width is 0 or > int.MaxValue || height is 0 or > int.MaxValue) return null;
        return new PngImageHeader((int)width, (int)height, data[8], (PngColorType)data[9], data[10], data[11], data[12]);
    }

    /// <summary>
    /// 8 bits per sample, not interlaced, a defined colour type and the only defined compression
    /// and filter methods: what nearly every PNG a camera pipeline or encoder writes is. Anything
    /// else (16-bit, 1/2/4-bit, Adam7) is left to ffmpeg.
    /// </summary>
    public bool IsSupported =>
        BitDepth == 8 && Compression == 0 && Filter == 0 && Interlace == 0
        && ColorType is PngColorType.Gray or PngColorType.Rgb or PngColorType.Palette or PngColorType.GrayAlpha or PngColorType.Rgba;

    /// <summary>Bytes per pixel in the filtered data, which is also the filters' left-neighbour distance at 8 bits.</summary>
    public int BytesPerPixel => ColorType switch
    {
        PngColorType.Gray or PngColorType.Palette => 1,
        PngColorType.GrayAlpha => 2,
        PngColorType.Rgb => 3,
        _ => 4,
    };

    /// <summary>Bytes of one filtered row without its filter-type byte, or null past what one array can hold.</summary>
    public int? RowBytes
    {
        get
        {
            long bytes = (long)Width * BytesPerPixel;
            return bytes < Array.MaxLength - 1 ? (int)bytes : null;
        }
    }
}
