using System.Buffers.Binary;
using System.Text;
using FaceMesh.Media.Sniffing;

namespace FaceMesh.Media.Tests;

/// <summary>Our own header parsers: declared sizes, orientation, and refusal of broken headers.</summary>
public sealed class ImageHeaderParserTests
{
    [Fact]
    public void Jpeg_frame_header_is_found_past_fill_bytes_restart_markers_and_metadata()
    {
        byte[] app0 = [0xFF, 0xE0, 0x00, 0x06, 1, 2, 3, 4];
        byte[] app1 = [0xFF, 0xE1, .. BigEndian16(2 + 6 + ExifOrientationTests.ExifBlock(8).Length), .. "Exif\0\0"u8, .. ExifOrientationTests.ExifBlock(8)];
        byte[] sof2 = [0xFF, 0xFF, 0xC2, 0x00, 0x11, 8, .. BigEndian16(480), .. BigEndian16(640), 3, .. new byte[9]];
        byte[] jpeg = [0xFF, 0xD8, .. app0, 0xFF, 0xD0, .. app1, .. sof2];

        HeaderParse parse = ImageHeaderParser.Parse(jpeg);

        Assert.Equal(HeaderStatus.Recognised, parse.Status);
        Assert.Equal((ImageContainer.Jpeg, "jpeg_pipe", 640L, 480L, 3, 8),
            (parse.Header.Container, parse.Header.Demuxer, parse.Header.Width, parse.Header.Height, parse.Header.Components, parse.Header.Orientation));
        Assert.Equal(HeaderStatus.NeedMoreData, ImageHeaderParser.Parse(jpeg[..^12]).Status);
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xDA, 0x00, 0x08 }, "before the image data")]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x01 }, "segment length 1")]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xC0, 0x00, 0x11, 8, 0, 0, 2, 0, 3 }, "512x0")]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x02, 0x12 }, "no JPEG marker")]
    public void Broken_jpeg_headers_are_malformed_with_a_reason(byte[] jpeg, string reason)
    {
        HeaderParse parse = ImageHeaderParser.Parse(jpeg);
        Assert.Equal(HeaderStatus.Malformed, parse.Status);
        Assert.Contains(reason, parse.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Png_size_up_to_the_specifications_limit_and_exif_after_ihdr_is_seen()
    {
        byte[] png = PngWithSize(0x7FFF_FFFF, 3);
        HeaderParse parse = ImageHeaderParser.Parse([.. png, .. Chunk("IDAT", [])]);
        Assert.Equal((2147483647L, 3L, 1), (parse.Header.Width, parse.Header.Height, parse.Header.Orientation));
        // Without the chunk that ends the walk the parser needs more bytes.
        Assert.Equal(HeaderStatus.NeedMoreData, ImageHeaderParser.Parse(png).Status);
        HeaderParse tagged = ImageHeaderParser.Parse([.. png, .. Chunk("eXIf", ExifOrientationTests.ExifBlock(6))]);
        Assert.Equal(6, tagged.Header.Orientation);
    }

    [Fact]
    public void Sizes_whose_product_overflows_a_long_still_exceed_the_limit()
    {
        var huge = new ImageHeader(ImageContainer.Tiff, "tiff_pipe", uint.MaxValue, uint.MaxValue, 0, 1);
        Assert.True(huge.Exceeds(50_000_000));
        Assert.False(new ImageHeader(ImageContainer.Gif, "gif", 10_000, 5_000, 0, 1).Exceeds(50_000_000));
        Assert.True(new ImageHeader(ImageContainer.Gif, "gif", 10_000, 5_001, 0, 1).Exceeds(50_000_000));
        Assert.Equal(HeaderStatus.Malformed, ImageHeaderParser.Parse([.. PngWithSize(uint.MaxValue, uint.MaxValue), .. Chunk("IDAT", [])]).Status);
    }

    [Fact]
    public void Webp_bmp_gif_and_tiff_sizes()
    {
        byte[] vp8 = [.. "RIFF"u8, 0, 0, 0, 0, .. "WEBPVP8 "u8, 0, 0, 0, 0, 0, 0, 0, 0x9D, 0x01, 0x2A, .. LittleEndian16(300), .. LittleEndian16(200), 0, 0];
        byte[] vp8x = [.. "RIFF"u8, 0, 0, 0, 0, .. "WEBPVP8X"u8, 10, 0, 0, 0, 0, 0, 0, 0, 0x2B, 0x01, 0x00, 0xC7, 0x00, 0x00];
        byte[] bmp = [.. "BM"u8, .. new byte[12], 40, 0, 0, 0, .. LittleEndian32(5), .. LittleEndian32(-7)];
        byte[] gif = [.. "GIF89a"u8, .. LittleEndian16(9), .. LittleEndian16(4)];
        byte[] tiff = [.. "II*\0"u8, 8, 0, 0, 0, 2, 0, 0, 1, 3, 0, 1, 0, 0, 0, 33, 0, 0, 0, 1, 1, 4, 0, 1, 0, 0, 0, 44, 0, 0, 0];

        Assert.Equal((300L, 200L), Size(vp8));
        Assert.Equal((300L, 200L), Size(vp8x));
        Assert.Equal((5L, 7L), Size(bmp));
        Assert.Equal((9L, 4L), Size(gif));
        Assert.Equal((33L, 44L), Size(tiff));
        // A TIFF directory beyond the bytes read leaves the size to the decoder's limit.
        HeaderParse far = ImageHeaderParser.Parse([.. "MM\0*"u8, 0, 0, 0x10, 0]);
        Assert.Equal((HeaderStatus.Recognised, false), (far.Status, far.Header.HasSize));
    }

    [Theory]
    [InlineData("P6\n# comment\n640 480\n255\n", '6', 640, 480, 255)]
    [InlineData("P4 8 2\n", '4', 8, 2, 1)]
    [InlineData("P7\nWIDTH 3\nHEIGHT 2\nDEPTH 4\nMAXVAL 255\nTUPLTYPE RGB_ALPHA\nENDHDR\n", '7', 3, 2, 255)]
    public void Netpbm_headers(string text, char kind, int width, int height, int maxValue)
    {
        byte[] bytes = Encoding.ASCII.GetBytes(text);
        PnmHeader header = PnmHeader.TryParse(bytes, out _)!.Value;
        Assert.Equal((kind, width, height, maxValue, bytes.Length), (header.Kind, header.Width, header.Height, header.MaxValue, header.Length));
    }

    [Theory]
    [InlineData("P6\n640 480\n", true)]
    [InlineData("P6\n0 480\n255\n", false)]
    [InlineData("P6\n99999999999 4\n255\n", false)]
    [InlineData("P6\n4 4\n70000\n", false)]
    [InlineData("P7\nWIDTH 3\n", true)]
    public void Incomplete_and_impossible_netpbm_headers(string text, bool needMore)
    {
        Assert.Null(PnmHeader.TryParse(Encoding.ASCII.GetBytes(text), out bool incomplete));
        Assert.Equal(needMore, incomplete);
    }

    [Fact]
    public void Exif_orientation_outside_1_to_8_or_of_the_wrong_type_counts_as_upright()
    {
        byte[] nine = ExifOrientationTests.ExifBlock(9);
        byte[] longType = ExifOrientationTests.ExifBlock(6);
        longType[13] = 4;
        byte[] loop = ExifOrientationTests.ExifBlock(3);
        BinaryPrimitives.WriteUInt16BigEndian(loop.AsSpan(8), 0xFFFF); // more entries than bytes
        Assert.Equal(1, ExifOrientation.Parse(nine));
        Assert.Equal(1, ExifOrientation.Parse(longType));
        Assert.Equal(1, ExifOrientation.Parse(loop[..20]));
        Assert.Equal(3, ExifOrientation.Parse(ExifOrientationTests.ExifBlock(3)));
    }

    private static (long, long) Size(byte[] bytes)
    {
        HeaderParse parse = ImageHeaderParser.Parse(bytes);
        Assert.Equal(HeaderStatus.Recognised, parse.Status);
        return (parse.Header.Width, parse.Header.Height);
    }

    private static byte[] PngWithSize(uint width, uint height)
    {
        byte[] ihdr = [.. BigEndian32(width), .. BigEndian32(height), 8, 2, 0, 0, 0];
        return [0x89, .. "PNG\r\n\x1A\n"u8, .. Chunk("IHDR", ihdr)];
    }

    private static byte[] Chunk(string type, byte[] data) => [.. BigEndian32((uint)data.Length), .. Encoding.ASCII.GetBytes(type), .. data, 0, 0, 0, 0];

    private static byte[] BigEndian16(int value) => [(byte)(value >> 8), (byte)value];

    private static byte[] BigEndian32(uint value) => [(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value];

    private static byte[] LittleEndian16(int value) => [(byte)value, (byte)(value >> 8)];

    private static byte[] LittleEndian32(int value) => [(byte)value, (byte)(value >> 8), (byte)(value >> 16), (byte)(value >> 24)];
}
