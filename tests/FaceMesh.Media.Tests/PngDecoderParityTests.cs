using FaceMesh.Imaging;
using FaceMesh.Media.Ffmpeg;
using FaceMesh.Media.Png;

namespace FaceMesh.Media.Tests;

/// <summary>
/// The in-process PNG decoder gives, byte for byte, what the ffmpeg path gives for the same file
/// and pixel format; whatever it does not handle (16-bit, interlaced, damaged) it declines, and
/// <see cref="ImageFile"/> then behaves exactly as before through ffmpeg.
/// </summary>
[Collection(MediaCollection.Name)]
public sealed class PngDecoderParityTests(TestMediaFixture media)
{
    private static readonly PixelFormat[] Formats = [PixelFormat.Rgb24, PixelFormat.Bgr24, PixelFormat.Rgba32, PixelFormat.Bgra32, PixelFormat.Gray8];

    public static TheoryData<string> FixturePngs()
    {
        var data = new TheoryData<string>();
        if (Directory.Exists(TestPaths.FixturesDir))
            foreach (string path in Directory.GetFiles(TestPaths.FixturesDir, "*.png").Order(StringComparer.Ordinal)) data.Add(Path.GetFileName(path));
        return data;
    }

    [FixtureTheory("astronaut.png", "sergey.png")]
    [MemberData(nameof(FixturePngs))]
    public async Task Every_fixture_png_decodes_in_process_to_ffmpegs_bytes(string fixture)
    {
        Assert.True(FixturePngs().Count >= 2, "the fixture PNGs are missing");
        await AssertSameAsFfmpegInEveryFormat(TestPaths.Fixture(fixture));
    }

    [Theory]
    [InlineData("rgb24"), InlineData("rgba"), InlineData("gray"), InlineData("ya8"), InlineData("pal8")]
    public async Task Ffmpeg_written_pngs_of_every_colour_type_and_filter_decode_to_ffmpegs_bytes(string pixelFormat)
    {
        string source = WritePatternRaw(131, 97);
        foreach (string prediction in (string[])["none", "sub", "up", "avg", "paeth", "mixed"])
        {
            string png = media.At($"made-{pixelFormat}-{prediction}.png");
            TestMediaFixture.Run("-f", "rawvideo", "-pix_fmt", "rgba", "-video_size", "131x97", "-i", source,
                "-pred", prediction, "-pix_fmt", pixelFormat, png);
            await AssertSameAsFfmpegInEveryFormat(png);
        }
    }

    [Theory]
    [InlineData(0, 1), InlineData(2, 3), InlineData(3, 1), InlineData(4, 2), InlineData(6, 4)]
    public async Task Hand_made_pngs_with_transparency_keys_palettes_and_split_idat_decode_to_ffmpegs_bytes(byte colorType, int samplesPerPixel)
    {
        const int width = 37, height = 23;
        byte[] samples = new byte[width * height * samplesPerPixel];
        for (int i = 0; i < samples.Length; i++) samples[i] = (byte)(i * 131 % 251);
        byte[][] chunks = colorType switch
        {
            // A short palette (entries 0..250 used) with tRNS giving the first entries graded alpha.
            3 => [SyntheticPng.Chunk("PLTE", [.. Enumerable.Range(0, 251 * 3).Select(i => (byte)(i * 7))]),
                  SyntheticPng.Chunk("tRNS", [0, 64, 128, 200, 255, 1])],
            0 => [SyntheticPng.Chunk("tRNS", [0, samples[5]])],
            2 => [SyntheticPng.Chunk("tRNS", [0, samples[3], 0, samples[4], 0, samples[5]])],
            _ => [SyntheticPng.Chunk("tEXt", "Comment\0ancillary chunks are skipped"u8.ToArray())],
        };
        string path = media.At($"hand-{colorType}.png");
        File.WriteAllBytes(path, SyntheticPng.Build(width, height, colorType, samples, chunks, idatPieceBytes: 97));
        await AssertSameAsFfmpegInEveryFormat(path);
    }

    [Theory]
    [InlineData("rgb48be", "")]
    [InlineData("gray16be", "")]
    [InlineData("monob", "")]
    [InlineData("rgb24", "+ildct")] // Adam7
    public async Task Unsupported_pngs_are_declined_and_still_decode_through_ffmpeg(string pixelFormat, string flags)
    {
        string source = WritePatternRaw(67, 45);
        string png = media.At($"unsupported-{pixelFormat}{flags}.png");
        string[] flagArguments = flags.Length > 0 ? ["-flags", flags] : [];
        TestMediaFixture.Run(["-f", "rawvideo", "-pix_fmt", "rgba", "-video_size", "67x45", "-i", source, .. flagArguments, "-pix_fmt", pixelFormat, png]);

        Assert.Null(PngDecoder.TryDecode(File.ReadAllBytes(png), PixelFormat.Rgb24));
        using ImageReadResult read = await ImageFile.ReadAsync(png, ImageReadOptions.Default);
        (ImageBuffer expected, _) = await DecodeWithFfmpeg(png, PixelFormat.Rgb24);
        using (expected) Assert.True(read.Image.Span.SequenceEqual(expected.Span), "differs from ffmpeg's decode");
        Assert.True(read.Image.Span.ToArray().Distinct().Count() > 1, "decoded to a flat image");
    }

    [Fact]
    public async Task A_png_with_an_exif_chunk_decodes_to_ffmpegs_stored_pixels()
    {
        string path = media.At("exif-6-parity.png");
        File.WriteAllBytes(path, ExifOrientationTests.WithPngExif(File.ReadAllBytes(media.TestPng), 6));
        await AssertSameAsFfmpegInEveryFormat(path, compareImageFile: false);
    }

    [Fact]
    public void A_row_too_long_for_two_row_buffers_is_left_to_ffmpeg()
    {
        // 600 million RGB pixels in one row: the image fits an array, two filtered rows do not.
        byte[] ihdr = new byte[13];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(ihdr, 600_000_000);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), 1);
        (ihdr[8], ihdr[9]) = (8, 2);
        byte[] png = [.. SyntheticPng.Signature, .. SyntheticPng.Chunk("IHDR", ihdr), .. SyntheticPng.Chunk("IDAT", new byte[1_800_000]),
            .. SyntheticPng.Chunk("IEND", [])];
        Assert.Null(PngDecoder.TryDecode(png, PixelFormat.Rgb24));
    }

    [Fact]
    public void A_palette_index_past_the_palette_is_left_to_ffmpeg()
    {
        byte[] png = SyntheticPng.Build(2, 1, 3, [0, 2], [SyntheticPng.Chunk("PLTE", [1, 2, 3, 4, 5, 6])]);
        Assert.Null(PngDecoder.TryDecode(png, PixelFormat.Rgb24));
        using ImageBuffer? inRange = PngDecoder.TryDecode(SyntheticPng.Build(2, 1, 3, [0, 1], [SyntheticPng.Chunk("PLTE", [1, 2, 3, 4, 5, 6])]), PixelFormat.Rgb24);
        Assert.Equal([1, 2, 3, 4, 5, 6], inRange!.Span.ToArray());
    }

    public static TheoryData<string> Damages() => ["truncated in IDAT", "IDAT bytes flipped", "no IEND", "bytes after IEND", "bad filter type", "missing IDAT rows"];

    [Theory]
    [MemberData(nameof(Damages))]
    public async Task Damaged_pngs_are_declined_and_fail_or_warn_exactly_as_through_ffmpeg(string damage)
    {
        byte[] good = File.ReadAllBytes(media.TestPng);
        int idatData = IndexOf(good, "IDAT"u8) + 4;
        int iend = IndexOf(good, "IEND"u8) - 4;
        byte[] damaged = damage switch
        {
            "truncated in IDAT" => good[..(idatData + (iend - idatData) / 2)],
            "IDAT bytes flipped" => Flip(good, idatData + 40, 24),
            "no IEND" => good[..iend],
            "bytes after IEND" => [.. good, .. "trailing garbage"u8],
            "bad filter type" => SyntheticPng.Build(4, 2, 0, new byte[8], [], filterType: 5),
            _ => WithHeight(SyntheticPng.Build(4, 2, 0, new byte[8], []), 4),
        };
        string path = media.At($"damaged-{damage.Replace(' ', '-')}.png");
        File.WriteAllBytes(path, damaged);

        Assert.Null(PngDecoder.TryDecode(damaged, PixelFormat.Rgb24));
        await AssertImageFileFailsOrDecodesAsFfmpeg(path);
    }

    public static TheoryData<string> FuzzFindings() =>
        [.. Directory.GetFiles(TestPaths.InRepo("fuzz", "corpus", "png"), "finding-*.seed").Select(path => Path.GetFileName(path)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(FuzzFindings))]
    public async Task Inputs_zlib_refuses_are_declined_not_thrown(string finding)
    {
        byte[] bytes = File.ReadAllBytes(TestPaths.InRepo("fuzz", "corpus", "png", finding));
        Assert.Null(PngDecoder.TryDecode(bytes, PixelFormat.Rgb24));
        string path = media.At(finding.Replace(".seed", ".png", StringComparison.Ordinal));
        File.WriteAllBytes(path, bytes);
        await AssertImageFileFailsOrDecodesAsFfmpeg(path);
    }

    [Fact]
    public async Task A_truncated_png_is_still_reported_as_damage()
    {
        // Pins the behaviour the parity test above compares against, so it cannot drift unnoticed.
        var e = await Assert.ThrowsAnyAsync<MediaException>(() => ImageFile.ReadAsync(media.TruncatedPng));
        Assert.Contains("Cannot read image", e.Message, StringComparison.Ordinal);
        Assert.Null(PngDecoder.TryDecode(File.ReadAllBytes(media.TruncatedPng), PixelFormat.Rgb24));
    }

    /// <summary>ImageFile (strict) throws the exception type the ffmpeg path leads to, or gives its pixels.</summary>
    private static async Task AssertImageFileFailsOrDecodesAsFfmpeg(string path)
    {
        Type? expectedFailure = null;
        ImageBuffer? expected = null;
        try
        {
            (expected, IReadOnlyList<string> warnings) = await DecodeWithFfmpeg(path, PixelFormat.Rgb24);
            if (warnings.Count > 0) expectedFailure = typeof(ImageDamagedException);
        }
        catch (MediaException e)
        {
            expectedFailure = e.GetType();
        }
        using (expected)
        {
            if (expectedFailure is null)
            {
                using ImageBuffer image = await ImageFile.ReadAsync(path);
                Assert.True(image.Span.SequenceEqual(expected!.Span), "differs from ffmpeg's decode");
            }
            else
            {
                Exception thrown = await Assert.ThrowsAnyAsync<MediaException>(() => ImageFile.ReadAsync(path));
                Assert.Equal(expectedFailure, thrown.GetType());
                Assert.StartsWith($"Cannot read image '{path}'", thrown.Message, StringComparison.Ordinal);
            }
        }
    }

    /// <param name="compareImageFile">False when an EXIF orientation makes ImageFile turn the
    /// image, so only the decoders' stored pixels are compared.</param>
    private async Task AssertSameAsFfmpegInEveryFormat(string path, bool compareImageFile = true)
    {
        byte[] file = File.ReadAllBytes(path);
        foreach (PixelFormat format in Formats)
        {
            (ImageBuffer expected, IReadOnlyList<string> warnings) = await DecodeWithFfmpeg(path, format);
            using (expected)
            {
                Assert.Empty(warnings);
                using ImageBuffer? actual = PngDecoder.TryDecode(file, format);
                Assert.NotNull(actual);
                Assert.Equal((expected.Width, expected.Height, expected.Format), (actual.Width, actual.Height, actual.Format));
                int firstDifference = actual.Span.CommonPrefixLength(expected.Span);
                Assert.True(firstDifference == expected.Length, $"{Path.GetFileName(path)} as {format}: first difference at byte {firstDifference}");
                if (!compareImageFile) continue;
                using ImageReadResult read = await ImageFile.ReadAsync(path, new ImageReadOptions { Format = format, Strict = true });
                Assert.True(read.Image.Span.SequenceEqual(expected.Span), $"ImageFile differs for {format}");
            }
        }
    }

    private static Task<(ImageBuffer Image, IReadOnlyList<string> Warnings)> DecodeWithFfmpeg(string path, PixelFormat format) =>
        FfmpegImageDecoder.DecodeAsync(EncodedInput.FromFile(path), "png_pipe", 0, InputPolicy.MaxPixels(ImageReadOptions.DefaultMaxMegapixels),
            autorotate: false, format, CancellationToken.None);

    private string WritePatternRaw(int width, int height)
    {
        string path = media.At($"pattern-{width}x{height}.rgba");
        using ImageBuffer pattern = TestImages.Pattern(width, height, PixelFormat.Rgba32);
        File.WriteAllBytes(path, pattern.Span.ToArray());
        return path;
    }

    private static int IndexOf(byte[] bytes, ReadOnlySpan<byte> type) => bytes.AsSpan().IndexOf(type);

    private static byte[] Flip(byte[] bytes, int start, int count)
    {
        byte[] copy = [.. bytes];
        for (int i = start; i < start + count; i++) copy[i] ^= 0x5A;
        return copy;
    }

    /// <summary>Declares more rows than the image data holds (the IHDR CRC goes stale, which no decoder here checks).</summary>
    private static byte[] WithHeight(byte[] png, byte height)
    {
        byte[] copy = [.. png];
        copy[23] = height;
        return copy;
    }
}
