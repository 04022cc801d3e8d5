using System.Buffers.Binary;
using FaceMesh.Imaging;

namespace FaceMesh.Media.Tests;

/// <summary>
/// JPEG and PNG files come out upright whatever EXIF orientation (1..8) they carry, as
/// MediaPipe's Python and browser paths see them; the switch returns the stored pixels.
/// The expected images are built here by composing plain quarter turns and mirrors.
/// </summary>
[Collection(MediaCollection.Name)]
public sealed class ExifOrientationTests(TestMediaFixture media)
{
    public static TheoryData<int> Orientations => [1, 2, 3, 4, 5, 6, 7, 8];

    [Theory]
    [MemberData(nameof(Orientations))]
    public void A_png_with_an_exif_orientation_reads_upright_exactly(int orientation)
    {
        using ImageBuffer stored = TestImages.Pattern(7, 4, PixelFormat.Rgb24);
        string plain = media.At($"exif-plain-{orientation}.png");
        ImageFile.Write(stored.View, plain);
        string tagged = media.At($"exif-{orientation}.png");
        File.WriteAllBytes(tagged, WithPngExif(File.ReadAllBytes(plain), orientation));

        using ImageBuffer upright = ImageFile.Read(tagged);
        using ImageReadResult raw = ImageFile.Read(tagged, new ImageReadOptions { ApplyExifOrientation = false });
        using ImageBuffer expected = Upright(stored, orientation);

        Assert.Equal((expected.Width, expected.Height), (upright.Width, upright.Height));
        Assert.True(upright.Span.SequenceEqual(expected.Span), $"orientation {orientation}");
        Assert.True(raw.Image.Span.SequenceEqual(stored.Span));
    }

    [Theory]
    [MemberData(nameof(Orientations))]
    public void A_jpeg_with_an_exif_orientation_reads_upright(int orientation)
    {
        // Large flat blocks so JPEG loss stays far below the difference between orientations.
        using ImageBuffer stored = Blocks(64, 32);
        string plain = media.At($"exif-plain-{orientation}.jpg");
        ImageFile.Write(stored.View, plain);
        using ImageBuffer decodedStored = ImageFile.Read(plain);
        string tagged = media.At($"exif-{orientation}.jpg");
        File.WriteAllBytes(tagged, WithJpegExif(File.ReadAllBytes(plain), orientation));

        using ImageBuffer upright = ImageFile.Read(tagged, PixelFormat.Bgr24);
        using ImageBuffer expected = Upright(decodedStored, orientation);
        using var uprightRgb = new ImageBuffer(upright.Width, upright.Height, PixelFormat.Rgb24);
        uprightRgb.CopyFrom(upright.View);

        Assert.True(uprightRgb.Span.SequenceEqual(expected.Span), $"orientation {orientation}");
    }

    /// <summary>The displayed image: orientation n is undone by these mirrors and clockwise quarter turns.</summary>
    private static ImageBuffer Upright(ImageBuffer stored, int orientation)
    {
        (bool mirror, int turns) = orientation switch
        {
            1 => (false, 0),
            2 => (true, 0),
            3 => (false, 2),
            4 => (true, 2),
            5 => (true, 3),
            6 => (false, 1),
            7 => (true, 1),
            _ => (false, 3),
        };
        ImageBuffer result = Copy(stored);
        if (mirror) result = Replace(result, MirrorLeftRight(result));
        for (int i = 0; i < turns; i++) result = Replace(result, TurnClockwise(result));
        return result;
    }

    private static ImageBuffer Replace(ImageBuffer old, ImageBuffer next)
    {
        old.Dispose();
        return next;
    }

    private static ImageBuffer Copy(ImageBuffer source)
    {
        var copy = new ImageBuffer(source.Width, source.Height, source.Format);
        copy.CopyFrom(source.View);
        return copy;
    }

    private static ImageBuffer MirrorLeftRight(ImageBuffer source)
    {
        var result = new ImageBuffer(source.Width, source.Height, source.Format);
        for (int y = 0; y < source.Height; y++)
            for (int x = 0; x < source.Width; x++)
                source.Row(y).Slice(x * 3, 3).CopyTo(result.Row(y).Slice((source.Width - 1 - x) * 3, 3));
        return result;
    }

    /// <summary>The left column becomes the top row, read from the bottom up.</summary>
    private static ImageBuffer TurnClockwise(ImageBuffer source)
    {
        var result = new ImageBuffer(source.Height, source.Width, source.Format);
        for (int y = 0; y < source.Height; y++)
            for (int x = 0; x < source.Width; x++)
                source.Row(y).Slice(x * 3, 3).CopyTo(result.Row(x).Slice((source.Height - 1 - y) * 3, 3));
        return result;
    }

    private static ImageBuffer Blocks(int width, int height)
    {
        var image = new ImageBuffer(width, height, PixelFormat.Rgb24);
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
            {
                int block = x / 16 + 4 * (y / 16);
                image.Row(y)[x * 3] = (byte)(block * 30);
                image.Row(y)[x * 3 + 1] = (byte)(255 - block * 30);
                image.Row(y)[x * 3 + 2] = (byte)(block % 2 * 200);
            }
        return image;
    }

    /// <summary>A big-endian TIFF block with one IFD entry: Orientation (0x0112), SHORT, count 1.</summary>
    internal static byte[] ExifBlock(int orientation)
    {
        byte[] tiff = new byte[8 + 2 + 12 + 4];
        "MM\0*"u8.CopyTo(tiff);
        BinaryPrimitives.WriteUInt32BigEndian(tiff.AsSpan(4), 8);
        BinaryPrimitives.WriteUInt16BigEndian(tiff.AsSpan(8), 1);
        BinaryPrimitives.WriteUInt16BigEndian(tiff.AsSpan(10), 0x0112);
        BinaryPrimitives.WriteUInt16BigEndian(tiff.AsSpan(12), 3);
        BinaryPrimitives.WriteUInt32BigEndian(tiff.AsSpan(14), 1);
        BinaryPrimitives.WriteUInt16BigEndian(tiff.AsSpan(18), (ushort)orientation);
        return tiff;
    }

    /// <summary>An APP1 "Exif" segment right after SOI.</summary>
    internal static byte[] WithJpegExif(byte[] jpeg, int orientation)
    {
        byte[] payload = [.. "Exif\0\0"u8, .. ExifBlock(orientation)];
        byte[] length = new byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(length, (ushort)(payload.Length + 2));
        return [.. jpeg[..2], 0xFF, 0xE1, .. length, .. payload, .. jpeg[2..]];
    }

    /// <summary>An eXIf chunk right after IHDR (which ends at byte 33).</summary>
    internal static byte[] WithPngExif(byte[] png, int orientation)
    {
        byte[] data = ExifBlock(orientation);
        byte[] chunk = new byte[12 + data.Length];
        BinaryPrimitives.WriteUInt32BigEndian(chunk, (uint)data.Length);
        "eXIf"u8.CopyTo(chunk.AsSpan(4));
        data.CopyTo(chunk.AsSpan(8));
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + data.Length), SyntheticPng.Crc32(chunk.AsSpan(4, 4 + data.Length)));
        return [.. png[..33], .. chunk, .. png[33..]];
    }
}
