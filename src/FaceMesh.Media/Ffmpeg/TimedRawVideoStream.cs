using System.Buffers.Binary;
using System.Globalization;
using FaceMesh.Imaging;

namespace FaceMesh.Media.Ffmpeg;

/// <summary>
/// Feeds raw frames to ffmpeg with each frame's own presentation time, as a live Matroska stream
/// (uncompressed video, one cluster per frame, sizes unknown so nothing is ever rewritten). Plain
/// rawvideo on a pipe has no timestamps, which forced one fixed rate and re-timed variable-rate
/// input. Times are in microseconds (TimecodeScale 1000 ns); a frame not at least 1 ms after the
/// previous one is moved to 1 ms after it, since a finer step would vanish in the output's time base.
/// </summary>
internal sealed class TimedRawVideoStream
{
    private const long UnknownSize = 0x01FF_FFFF_FFFF_FFFF;
    private static readonly byte[] ClusterId = [0x1F, 0x43, 0xB6, 0x75];
    private const byte TimecodeId = 0xE7, SimpleBlockId = 0xA3, KeyFrame = 0x80;
    // Cluster id + unknown size, Timecode (id, size, 8 bytes), SimpleBlock id + 8-byte size, track 1, relative time 0, flags.
    private const long MinimumStepMicroseconds = 1000;
    private const int FrameHeaderLength = 4 + 8 + 1 + 1 + 8 + 1 + 8 + 1 + 2 + 1;

    private readonly Stream _pipe;
    private readonly int _frameBytes;
    private readonly byte[] _frameHeader = new byte[FrameHeaderLength];
    private long _lastMicroseconds = -MinimumStepMicroseconds;
    private long _firstMicroseconds = -1;

    /// <param name="yuv420">Frames are <see cref="Yuv420"/> planes (in a <see cref="PixelFormat.Gray8"/> view), not <paramref name="format"/> pixels.</param>
    public TimedRawVideoStream(Stream pipe, int width, int height, PixelFormat format, Rational nominalRate, bool yuv420 = false)
    {
        _pipe = pipe;
        _frameBytes = yuv420 ? Yuv420.FrameBytes(width, height) : checked(width * height * format.BytesPerPixel());
        Header = BuildHeader(width, height, yuv420 ? "I420"u8.ToArray() : FourCc(format), nominalRate);
    }

    /// <summary>EBML header, segment and track description: written once before the first frame.</summary>
    public byte[] Header { get; }

    /// <summary>The time actually used for a frame asked at <paramref name="timestamp"/>: whole microseconds, at least 1 ms after the previous frame.</summary>
    public long NextMicroseconds(TimeSpan timestamp)
    {
        long wanted = Math.Max(0, (long)Math.Round(timestamp.Ticks / (double)TimeSpan.TicksPerMicrosecond));
        return Math.Max(wanted, _lastMicroseconds + MinimumStepMicroseconds);
    }

    /// <summary>The time given to the last frame written (zero before any).</summary>
    public TimeSpan LastTime => FromMicroseconds(Math.Max(0, _lastMicroseconds));

    /// <summary>The time given to the first frame written (zero before any).</summary>
    public TimeSpan FirstTime => FromMicroseconds(Math.Max(0, _firstMicroseconds));

    private static TimeSpan FromMicroseconds(long microseconds) => TimeSpan.FromTicks(microseconds * TimeSpan.TicksPerMicrosecond);

    public async ValueTask WriteAsync(ImageView frame, TimeSpan timestamp, CancellationToken cancellationToken)
    {
        FillFrameHeader(timestamp);
        await _pipe.WriteAsync(_frameHeader, cancellationToken).ConfigureAwait(false);
        await RawFrameWriter.WriteAsync(_pipe, frame, cancellationToken).ConfigureAwait(false);
    }

    public void Write(ImageView frame, TimeSpan timestamp)
    {
        FillFrameHeader(timestamp);
        _pipe.Write(_frameHeader);
        RawFrameWriter.Write(_pipe, frame);
    }

    private void FillFrameHeader(TimeSpan timestamp)
    {
        long microseconds = NextMicroseconds(timestamp);
        _lastMicroseconds = microseconds;
        if (_firstMicroseconds < 0) _firstMicroseconds = microseconds;
        Span<byte> h = _frameHeader;
        ClusterId.CopyTo(h);
        BinaryPrimitives.WriteInt64BigEndian(h[4..], UnknownSize);
        h[12] = TimecodeId;
        h[13] = 0x88; // 8 data bytes
        BinaryPrimitives.WriteInt64BigEndian(h[14..], microseconds);
        h[22] = SimpleBlockId;
        WriteEightByteSize(h[23..], 4 + _frameBytes);
        h[31] = 0x81; // track number 1
        h[32] = 0;
        h[33] = 0; // time relative to the cluster
        h[34] = KeyFrame;
    }

    private static byte[] BuildHeader(int width, int height, byte[] fourCc, Rational nominalRate)
    {
        using var header = new MemoryStream();
        Element(header, [0x1A, 0x45, 0xDF, 0xA3],
            Concat(Element([0x42, 0x82], "matroska"u8), UInt([0x42, 0x87], 4), UInt([0x42, 0x85], 2)));
        header.Write([0x18, 0x53, 0x80, 0x67]); // Segment of unknown size: a live stream
        Span<byte> size = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(size, UnknownSize);
        header.Write(size);
        Element(header, [0x15, 0x49, 0xA9, 0x66], Concat(
            UInt([0x2A, 0xD7, 0xB1], 1000), // TimecodeScale: microseconds
            Element([0x4D, 0x80], "FaceMesh"u8), Element([0x57, 0x41], "FaceMesh"u8)));
        byte[] video = Concat(UInt([0xB0], (ulong)width), UInt([0xBA], (ulong)height),
            Element([0x2E, 0xB5, 0x24], fourCc));
        // DefaultDuration: the nominal frame duration, which the last frame keeps and from which
        // a one-frame or constant-rate video still reports its rate.
        byte[] track = Concat(UInt([0xD7], 1), UInt([0x73, 0xC5], 1), UInt([0x83], 1), UInt([0x9C], 0),
            Element([0x86], "V_UNCOMPRESSED"u8), UInt([0x23, 0xE3, 0x83], (ulong)Math.Round(1e9 / nominalRate.ToDouble())),
            Element([0xE0], video));
        Element(header, [0x16, 0x54, 0xAE, 0x6B], Element([0xAE], track));
        return header.ToArray();
    }

    /// <summary>The fourcc ffmpeg's raw video decoder maps back to exactly our byte layout.</summary>
    private static byte[] FourCc(PixelFormat format) => format switch
    {
        PixelFormat.Rgb24 => [(byte)'R', (byte)'G', (byte)'B', 24],
        PixelFormat.Bgr24 => [(byte)'B', (byte)'G', (byte)'R', 24],
        PixelFormat.Rgba32 => "RGBA"u8.ToArray(),
        PixelFormat.Bgra32 => "BGRA"u8.ToArray(),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, string.Create(CultureInfo.InvariantCulture, $"No raw fourcc for {format}.")),
    };

    private static void WriteEightByteSize(Span<byte> target, long size) =>
        BinaryPrimitives.WriteInt64BigEndian(target, size | (1L << 56));

    private static byte[] UInt(ReadOnlySpan<byte> id, ulong value)
    {
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, value);
        int first = 0;
        while (first < 7 && bytes[first] == 0) first++;
        return Element(id, bytes[first..]);
    }

    private static byte[] Element(ReadOnlySpan<byte> id, ReadOnlySpan<byte> data)
    {
        using var element = new MemoryStream();
        Element(element, id, data);
        return element.ToArray();
    }

    private static void Element(Stream target, ReadOnlySpan<byte> id, ReadOnlySpan<byte> data)
    {
        target.Write(id);
        Span<byte> size = stackalloc byte[8];
        WriteEightByteSize(size, data.Length);
        target.Write(size);
        target.Write(data);
    }

    private static byte[] Concat(params byte[][] parts) => [.. parts.SelectMany(p => p)];
}
