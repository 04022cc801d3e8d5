using System.Runtime.CompilerServices;
using FaceMesh.Imaging;
using FaceMesh.Media.Ffmpeg;
using FaceMesh.Media.Sniffing;

namespace FaceMesh.Media;

/// <summary>
/// Decodes a video file's frames through an ffmpeg pipe. Frames come out upright (ffmpeg applies
/// the display rotation), at the size in <see cref="Info"/>, one per decoded frame (no frame-rate
/// conversion: duplicates or drops never happen here).
/// </summary>
public sealed class VideoReader : IAsyncDisposable, IDisposable
{
    private readonly int _videoOrdinal;
    private readonly string _demuxer;
    private readonly long _maxPixels;
    private readonly CancellationTokenSource _disposed = new();

    private VideoReader(VideoInfo info, int videoOrdinal, string demuxer, long maxPixels, PixelFormat format, bool yuv420 = false)
    {
        IsYuv420 = yuv420;
        Info = info;
        _videoOrdinal = videoOrdinal;
        _demuxer = demuxer;
        _maxPixels = maxPixels;
        Format = format;
    }

    public VideoInfo Info { get; }

    /// <summary>Pixel layout of the yielded frames' buffers (<see cref="PixelFormat.Gray8"/> when <see cref="IsYuv420"/>).</summary>
    public PixelFormat Format { get; }

    /// <summary>
    /// True when frames come as <see cref="Yuv420"/> planes (opened with <see cref="OpenYuv420Async"/>):
    /// each buffer is <see cref="PixelFormat.Gray8"/>, <see cref="VideoInfo.Width"/> x <see cref="FrameRows"/>.
    /// </summary>
    public bool IsYuv420 { get; }

    /// <summary>Rows of each frame's buffer: the height, or the height and a half for <see cref="Yuv420"/> planes.</summary>
    public int FrameRows => IsYuv420 ? Yuv420.BufferHeight(Info.Height) : Info.Height;

    /// <summary>
    /// ffmpeg's first error line from the last completed <see cref="ReadFramesAsync(CancellationToken)"/> (or its
    /// <see cref="FramePool"/> overload), or null.
    /// A truncated or damaged file typically ends the frame stream early with this set, rather
    /// than failing, so that every decodable frame is still delivered.
    /// </summary>
    public string? DecodeError { get; private set; }

    public static VideoReader Open(string path, PixelFormat format = PixelFormat.Rgb24) =>
        OpenAsync(path, format).GetAwaiter().GetResult();

    /// <summary>Probes the file (ffprobe); nothing is decoded until frames are enumerated.</summary>
    public static Task<VideoReader> OpenAsync(string path, PixelFormat format = PixelFormat.Rgb24,
        CancellationToken cancellationToken = default) =>
        OpenAsync(path, format, ImageReadOptions.DefaultMaxMegapixels, cancellationToken);

    /// <summary>
    /// Probes the file (ffprobe) within the allowlist of self-contained containers (playlists and
    /// concat lists are refused) and refuses frames larger than <paramref name="maxMegapixels"/>
    /// before anything is decoded.
    /// </summary>
    public static async Task<VideoReader> OpenAsync(string path, PixelFormat format, double maxMegapixels,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        _ = format.BytesPerPixel(); // rejects undefined enum values before any process starts
        long maxPixels = InputPolicy.MaxPixels(maxMegapixels);
        if (!File.Exists(path)) throw new MediaException($"Video file not found: {path}", new FileNotFoundException(null, path));
        HeaderParse still = await ImageHeaderReader.ReadAsync(path, cancellationToken).ConfigureAwait(false);
        string? demuxer = still.Status == HeaderStatus.Recognised ? still.Header.Demuxer : null;
        (VideoInfo info, int ordinal, string probed) =
            await VideoProbe.ProbeAsync(path, "video", maxPixels, cancellationToken, demuxer).ConfigureAwait(false);
        if ((long)info.CodedWidth * info.CodedHeight > maxPixels)
            throw new MediaException(InputPolicy.TooLarge("video", path, info.CodedWidth, info.CodedHeight, maxMegapixels));
        return new VideoReader(info, ordinal, probed, maxPixels, format);
    }

    /// <summary>
    /// Like <see cref="OpenAsync(string, PixelFormat, double, CancellationToken)"/>, but frames come as
    /// <see cref="Yuv420"/> planes, as the decoder makes them: no colour conversion in ffmpeg, half the
    /// bytes through the pipe. Throws <see cref="MediaException"/> for a frame size 4:2:0 cannot hold (odd).
    /// </summary>
    public static async Task<VideoReader> OpenYuv420Async(string path, double maxMegapixels = ImageReadOptions.DefaultMaxMegapixels,
        CancellationToken cancellationToken = default)
    {
        using VideoReader probed = await OpenAsync(path, PixelFormat.Rgb24, maxMegapixels, cancellationToken).ConfigureAwait(false);
        return probed.WithYuv420Frames();
    }

    /// <summary>
    /// A reader of the same file, already probed, whose frames come as <see cref="Yuv420"/> planes
    /// (see <see cref="OpenYuv420Async"/>). Throws <see cref="MediaException"/> for an odd frame size.
    /// </summary>
    public VideoReader WithYuv420Frames()
    {
        ObjectDisposedException.ThrowIf(_disposed.IsCancellationRequested, this);
        if (!Yuv420.Supports(Info.Width, Info.Height))
            throw new MediaException($"Cannot decode '{Info.Path}' as 4:2:0 planes: its frames are {Info.Width}x{Info.Height}, and 4:2:0 needs an even size.");
        return new VideoReader(Info, _videoOrdinal, _demuxer, _maxPixels, PixelFormat.Gray8, yuv420: true);
    }

    /// <summary>
    /// A reader whose frames come as <see cref="Yuv420"/> planes when the frame size allows it (even),
    /// else this reader itself: the cheap way to decode for the landmarker, with
    /// <see cref="RgbFrameConverter"/> turning either kind of frame into RGB once.
    /// </summary>
    public VideoReader WithYuv420FramesWhereSupported() =>
        IsYuv420 || !Yuv420.Supports(Info.Width, Info.Height) ? this : WithYuv420Frames();

    /// <summary>
    /// Decodes the frames in order. Each enumeration starts its own ffmpeg process, so the video
    /// can be read more than once. One pooled pixel buffer is reused for every frame: a frame is
    /// valid until the enumerator moves on. Throws <see cref="MediaException"/> if ffmpeg fails;
    /// cancellation stops ffmpeg and throws <see cref="OperationCanceledException"/>.
    /// </summary>
    public async IAsyncEnumerable<VideoFrame> ReadFramesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var pool = new FramePool(Info.Width, FrameRows, Format, capacity: 1);
        await foreach (VideoFrame frame in ReadFramesAsync(pool, cancellationToken).ConfigureAwait(false))
        {
            yield return frame;
            pool.Return(frame.Image);
        }
    }

    /// <summary>
    /// Decodes the frames in order, each into a buffer rented from <paramref name="pool"/> (which
    /// must match <see cref="Info"/>'s size and <see cref="Format"/>): the consumer owns each
    /// frame's buffer and returns it to the pool when done, so frames can be handed to other
    /// threads while the next ones decode. Decoding waits while the pool is empty.
    /// </summary>
    public async IAsyncEnumerable<VideoFrame> ReadFramesAsync(FramePool pool, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pool);
        if (pool.Width != Info.Width || pool.Height != FrameRows || pool.Format != Format)
            throw new ArgumentException($"The pool holds {pool.Width}x{pool.Height} {pool.Format} frames; this video needs {Info.Width}x{FrameRows} {Format}.", nameof(pool));
        ObjectDisposedException.ThrowIf(_disposed.IsCancellationRequested, this);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _disposed.Token);
        CancellationToken token = linked.Token;
        DecodeError = null;
        var stamps = new ShowInfoSink(new ErrorLog());
        await using var ffmpeg = FfmpegProcess.Start(ToolLocator.Ffmpeg, DecodeArguments(), stamps, keepStdinOpen: false);
        await using CancellationTokenRegistration killOnCancel = token.Register(ffmpeg.Kill);
        for (long index = 0; ; index++)
        {
            ImageBuffer image = await pool.RentAsync(token).ConfigureAwait(false);
            FrameStamp? stamp;
            try
            {
                int read = await ffmpeg.Stdout.ReadAtLeastAsync(image.Memory, image.Length, throwOnEndOfStream: false, token).ConfigureAwait(false);
                token.ThrowIfCancellationRequested();
                // 0 bytes is the normal end; a partial frame means ffmpeg died mid-write (its exit code says why).
                if (read < image.Length)
                {
                    pool.Return(image);
                    break;
                }
                stamp = await stamps.NextAsync(token).ConfigureAwait(false);
                if (stamp is { } s && (s.Width != Info.Width || s.Height != Info.Height))
                    throw new MediaException(
                        $"Cannot decode video '{Info.Path}': ffmpeg decodes {s.Width}x{s.Height} frames but the file declares {Info.Width}x{Info.Height}");
            }
            catch
            {
                pool.Return(image);
                throw;
            }
            bool fromStream = stamp is { PtsSeconds: var pts } && double.IsFinite(pts);
            double timestampMs = fromStream ? stamp!.Value.PtsSeconds * 1000.0 : index * 1000.0 / Info.FrameRate.ToDouble();
            yield return new VideoFrame(index, timestampMs, fromStream, image);
        }
        int exitCode = await ffmpeg.WaitForExitAsync(token).ConfigureAwait(false);
        DecodeError = stamps.Errors.HasErrors ? stamps.Errors.FirstError : null;
        if (exitCode != 0)
            throw new MediaException($"Cannot decode video '{Info.Path}': {stamps.Errors.FirstError ?? $"ffmpeg exited with code {exitCode}"}");
    }

    private string[] DecodeArguments() =>
    [
        .. FfmpegArgs.TaggedInfo, .. InputPolicy.Open(EncodedInput.FromFile(Info.Path), _demuxer, _maxPixels), "-map", $"0:v:{_videoOrdinal}",
        // showinfo reports each output frame's pts and size on stderr; checksums would only cost time.
        "-vf", "showinfo=checksum=0",
        // One output frame per decoded frame: rawvideo output would otherwise default to
        // constant-rate conversion, duplicating or dropping frames of variable-rate input.
        "-fps_mode", "passthrough",
        "-f", "rawvideo", "-pix_fmt", IsYuv420 ? "yuv420p" : FfmpegPixelFormats.Name(Format), "pipe:1",
    ];

    /// <summary>Stops any running enumeration's ffmpeg process.</summary>
    public void Dispose()
    {
        if (!_disposed.IsCancellationRequested) _disposed.Cancel();
        _disposed.Dispose();
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
