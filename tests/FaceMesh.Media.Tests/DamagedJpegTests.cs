using FaceMesh.Imaging;

namespace FaceMesh.Media.Tests;

/// <summary>
/// One pixel source for JPEG: djpeg by default, whatever its warnings; a decoder's warnings are
/// reported (ImageReadResult.Warnings), made errors by Strict, and never switch decoders.
/// </summary>
[Collection(MediaCollection.Name)]
public sealed class DamagedJpegTests(TestMediaFixture media)
{
    [Theory]
    [InlineData(JpegDecoder.LibjpegTurbo)]
    [InlineData(JpegDecoder.Ffmpeg)]
    public void A_truncated_jpeg_is_reported_as_damaged_and_strict_refuses_it(JpegDecoder decoder)
    {
        string whole = SmoothJpeg("whole.jpg");
        byte[] bytes = File.ReadAllBytes(whole);
        string truncated = media.At($"truncated-{decoder}.jpg");
        File.WriteAllBytes(truncated, bytes[..(bytes.Length * 6 / 10)]);

        using (ImageReadResult intact = ImageFile.Read(whole, new ImageReadOptions { JpegDecoder = decoder }))
            Assert.False(intact.IsDamaged, string.Join("; ", intact.Warnings));
        using (ImageReadResult damaged = ImageFile.Read(truncated, new ImageReadOptions { JpegDecoder = decoder }))
        {
            Assert.True(damaged.IsDamaged);
            Assert.Equal((320, 240), (damaged.Image.Width, damaged.Image.Height));
        }
        var strict = Assert.Throws<ImageDamagedException>(() => ImageFile.Read(truncated, new ImageReadOptions { JpegDecoder = decoder, Strict = true }));
        Assert.Contains($"'{truncated}'", strict.Message, StringComparison.Ordinal);
        Assert.Contains("damaged", strict.Message, StringComparison.Ordinal);
        // The overload that can only return pixels cannot carry warnings, so it refuses too.
        Assert.Throws<ImageDamagedException>(() => ImageFile.Read(truncated));
    }

    [Fact]
    public void Djpeg_truncation_warning_is_its_own_words()
    {
        string whole = SmoothJpeg("whole-words.jpg");
        byte[] bytes = File.ReadAllBytes(whole);
        string truncated = media.At("truncated-words.jpg");
        File.WriteAllBytes(truncated, bytes[..(bytes.Length / 2)]);
        using ImageReadResult damaged = ImageFile.Read(truncated, new ImageReadOptions());
        Assert.Contains(damaged.Warnings, w => w.Contains("Premature end of JPEG file", StringComparison.Ordinal));
    }

    [Fact]
    public void A_harmless_warning_keeps_djpegs_pixels()
    {
        string clean = SmoothJpeg("clean.jpg");
        byte[] bytes = File.ReadAllBytes(clean);
        int sos = bytes.AsSpan().IndexOf((ReadOnlySpan<byte>)[0xFF, 0xDA]);
        string stray = media.At("stray-bytes.jpg");
        File.WriteAllBytes(stray, [.. bytes[..sos], 0, 0, 0, .. bytes[sos..]]);

        using ImageReadResult expected = ImageFile.Read(clean, new ImageReadOptions());
        using ImageReadResult warned = ImageFile.Read(stray, new ImageReadOptions());
        using ImageReadResult ffmpeg = ImageFile.Read(clean, new ImageReadOptions { JpegDecoder = JpegDecoder.Ffmpeg });

        Assert.Contains(warned.Warnings, w => w.Contains("extraneous bytes", StringComparison.Ordinal));
        Assert.True(warned.Image.Span.SequenceEqual(expected.Image.Span), "the warning switched the decoder");
        Assert.False(ffmpeg.Image.Span.SequenceEqual(expected.Image.Span), "the two decoders should differ on this image");
    }

    /// <summary>Colour edges and gradients, 4:2:0: the decoders' chroma upsampling differs on it.</summary>
    private string SmoothJpeg(string name)
    {
        string path = media.At(name);
        TestMediaFixture.Run("-f", "lavfi", "-i", "testsrc2=size=320x240", "-frames:v", "1", "-pix_fmt", "yuvj420p", "-q:v", "3", path);
        return path;
    }
}
