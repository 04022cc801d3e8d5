using FaceMesh.Media.Ffmpeg;

namespace FaceMesh.Media.Tests;

public sealed class FfmpegToolTests
{
    [Fact]
    public void Missing_ffmpeg_gives_the_install_hint()
    {
        var e = Assert.Throws<MediaException>(() => ToolLocator.Require("ffmpeg", "/nonexistent-dir"));
        Assert.Equal("ffmpeg was not found on PATH; install it (Debian: apt-get install ffmpeg)", e.Message);
    }

    [Fact]
    public void Showinfo_line_yields_pts_and_size()
    {
        ReadOnlySpan<byte> line =
            "[Parsed_showinfo_0 @ 0x559f0774d580] [info] n:   1 pts:   1024 pts_time:0.1     pos:     2034 fmt:yuv420p sar:1/1 s:48x64 i:P iskey:0 type:B "u8;
        Assert.True(ShowInfoSink.TryParse(line, out FrameStamp stamp));
        Assert.Equal(new FrameStamp(0.1, 48, 64), stamp);
    }

    [Fact]
    public void Other_showinfo_lines_are_not_frames()
    {
        Assert.False(ShowInfoSink.TryParse("[Parsed_showinfo_0 @ 0x5] [info] config in time_base: 1/10240, frame_rate: 10/1"u8, out _));
        Assert.False(ShowInfoSink.TryParse("[h264 @ 0x5] [error] n: 3 s:4x4"u8, out _));
    }

    [Fact]
    public void Error_log_prefers_tagged_errors_and_strips_context()
    {
        var log = new ErrorLog();
        log.OnLine("some untagged text"u8);
        log.OnLine("[info] Input #0"u8);
        log.OnLine("[png @ 0x55] [error] Invalid PNG signature 0x1234."u8);
        log.OnLine("[error] second"u8);
        Assert.Equal("Invalid PNG signature 0x1234.", log.FirstError);
    }

    [Fact]
    public void Pam_header_parses()
    {
        PamHeader header = PamHeader.Parse("P7\nWIDTH 5\nHEIGHT 3\nDEPTH 4\nMAXVAL 255\nTUPLTYPE RGB_ALPHA\nENDHDR\n"u8);
        Assert.Equal(new PamHeader(5, 3, 4), header);
    }

    [Theory]
    [InlineData("30000/1001", 30000, 1001)]
    [InlineData("25", 25, 1)]
    public void Rational_parses_ffmpeg_rates(string text, int numerator, int denominator)
    {
        Assert.True(Rational.TryParse(text, out Rational rate));
        Assert.Equal(new Rational(numerator, denominator), rate);
    }

    [Theory]
    [InlineData("0/0")]
    [InlineData("abc")]
    [InlineData("")]
    public void Rational_rejects_unknown_rates(string text) => Assert.False(Rational.TryParse(text, out _));
}
