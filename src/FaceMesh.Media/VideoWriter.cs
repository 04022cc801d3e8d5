using System.Globalization;
using System.Text.Json;
using FaceMesh.Imaging;
using FaceMesh.Media.Ffmpeg;

namespace FaceMesh.Media;

/// <summary>
/// Encodes raw frames to a video file through an ffmpeg pipe: H.264 (libx264) when the installed
/// ffmpeg has it, else MPEG-4 part 2; yuv420p so ordinary players accept the file. Odd frame sizes
/// are padded by one pixel (edge pixels repeated) because 4:2:0 needs even dimensions.
/// Call <see cref="CompleteAsync"/> to finish and check for errors. Disposing an unfinished writer
/// (for example after cancellation) still closes ffmpeg's input, so the frames written so far
/// become a playable file.
/// </summary>
public sealed class VideoWriter : IAsyncDisposable, IDisposable
{
    private readonly FfmpegProcess _ffmpeg;
    private readonly ErrorLog _errors;
    private readonly TimeSpan _finaliseTimeout;
    private bool _finished;

    private VideoWriter(FfmpegProcess ffmpeg, ErrorLog errors, string path, int width, int height,
        Rational frameRate, PixelFormat inputFormat, string videoEncoder, bool hasAudio, TimeSpan finaliseTimeout)
    {
        _ffmpeg = ffmpeg;
        _errors = errors;
        Path = path;
        Width = width;
        Height = height;
        FrameRate = frameRate;
        InputFormat = inputFormat;
        VideoEncoder = videoEncoder;
        HasAudio = hasAudio;
        _finaliseTimeout = finaliseTimeout;
    }

    public string Path { get; }
    /// <summary>Size of the frames to write. The file is this size rounded up to even numbers.</summary>
    public int Width { get; }
    public int Height { get; }
    public int EncodedWidth => Width + (Width & 1);
    public int EncodedHeight => Height + (Height & 1);
    public Rational FrameRate { get; }
    public PixelFormat InputFormat { get; }
    /// <summary>The ffmpeg encoder in use, e.g. "libx264".</summary>
    public string VideoEncoder { get; }
    /// <summary>True when audio from <see cref="VideoWriterOptions.AudioSourcePath"/> is being muxed in.</summary>
    public bool HasAudio { get; }
    public long FramesWritten { get; private set; }

    public static VideoWriter Open(string path, int width, int height, Rational frameRate, VideoWriterOptions? options = null) =>
        OpenAsync(path, width, height, frameRate, options).GetAwaiter().GetResult();

    public static async Task<VideoWriter> OpenAsync(string path, int width, int height, Rational frameRate,
        VideoWriterOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        options ??= new VideoWriterOptions();
        if (width <= 0 || height <= 0) throw new ArgumentException($"Video size must be positive, got {width}x{height}.");
        if (!frameRate.IsValid) throw new ArgumentException($"Frame rate must be positive, got {frameRate}.", nameof(frameRate));
        if (options.Quality is < 0 or > 51) throw new ArgumentException($"Quality must be 0..51, got {options.Quality}.", nameof(options));
        string fullPath = System.IO.Path.GetFullPath(path);
        string directory = System.IO.Path.GetDirectoryName(fullPath) ?? ".";
        if (!Directory.Exists(directory)) throw new MediaException($"Output directory does not exist: {directory}");
        if (options.AudioSourcePath is { } audio && !File.Exists(audio))
            throw new MediaException($"Audio source file not found: {audio}", new FileNotFoundException(null, audio));

        string encoder = options.VideoEncoder
            ?? (await EncoderCatalog.HasEncoderAsync("libx264", cancellationToken).ConfigureAwait(false) ? "libx264" : "mpeg4");
        string? audioCodec = options.AudioSourcePath is { } source
            ? await FirstAudioCodecAsync(source, cancellationToken).ConfigureAwait(false)
            : null;

        var arguments = new List<string>(FfmpegArgs.QuietErrors)
        {
            "-y", "-f", "rawvideo", "-pix_fmt", FfmpegPixelFormats.Name(options.InputFormat),
            "-video_size", $"{width}x{height}", "-framerate", frameRate.ToString(), "-i", "pipe:0",
        };
        if (audioCodec is not null) arguments.AddRange(["-i", FfmpegArgs.FileUrl(options.AudioSourcePath!)]);
        arguments.AddRange(["-map", "0:v:0"]);
        if (audioCodec is not null) arguments.AddRange(["-map", "1:a?"]);
        if (((width | height) & 1) != 0) arguments.AddRange(["-vf", EvenSizeFilter(width, height)]);
        arguments.AddRange(EncoderArguments(encoder, options.Quality));
        if (audioCodec is not null)
        {
            arguments.AddRange(AudioMuxing.CanCopy(audioCodec, path) ? ["-c:a", "copy"] : ["-c:a", "aac", "-b:a", "192k"]);
            // Stop with the video: a cancelled encode must not carry the source's full-length audio.
            arguments.Add("-shortest");
        }
        if (System.IO.Path.GetExtension(path).ToLowerInvariant() is ".mp4" or ".m4v" or ".mov")
            arguments.AddRange(["-movflags", "+faststart"]);
        arguments.Add(FfmpegArgs.FileUrl(fullPath));

        var errors = new ErrorLog();
        var ffmpeg = FfmpegProcess.Start(ToolLocator.Ffmpeg, arguments, errors, keepStdinOpen: true);
        return new VideoWriter(ffmpeg, errors, path, width, height, frameRate, options.InputFormat, encoder,
            audioCodec is not null, options.FinaliseTimeout);
    }

    /// <summary>
    /// Queues one frame. The token is checked before the frame is sent, never in the middle of
    /// it, so a cancelled writer never hands ffmpeg half a frame.
    /// </summary>
    public async ValueTask WriteFrameAsync(ImageView frame, CancellationToken cancellationToken = default)
    {
        ValidateFrame(frame);
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            await RawFrameWriter.WriteAsync(_ffmpeg.Stdin, frame, CancellationToken.None).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            throw await EncoderDiedAsync(e).ConfigureAwait(false);
        }
        FramesWritten++;
    }

    public void WriteFrame(ImageView frame)
    {
        ValidateFrame(frame);
        try
        {
            RawFrameWriter.Write(_ffmpeg.Stdin, frame);
        }
        catch (IOException e)
        {
            throw EncoderDiedAsync(e).GetAwaiter().GetResult();
        }
        FramesWritten++;
    }

    /// <summary>
    /// Ends the input, waits for ffmpeg to finalise the file and reports any failure. Cancelling
    /// the wait kills ffmpeg (the file is then likely unplayable); to stop early but keep a valid
    /// file, stop writing frames and call this without a token, or dispose.
    /// </summary>
    public async Task CompleteAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        _finished = true;
        _ffmpeg.CloseStdin();
        int exitCode;
        using (cancellationToken.Register(_ffmpeg.Kill))
            exitCode = await _ffmpeg.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (exitCode != 0)
            throw new MediaException($"Cannot write video '{Path}': {_errors.FirstError ?? $"ffmpeg exited with code {exitCode}"}");
        if (FramesWritten == 0)
            throw new MediaException($"Cannot write video '{Path}': no frames were written");
        var written = new FileInfo(Path);
        if (!written.Exists || written.Length == 0)
            throw new MediaException($"Cannot write video '{Path}': ffmpeg produced an empty file");
    }

    public void Complete() => CompleteAsync().GetAwaiter().GetResult();

    /// <summary>
    /// If not completed: closes ffmpeg's input so it finalises what it has (bounded by
    /// <see cref="VideoWriterOptions.FinaliseTimeout"/>, after which it is killed). Never throws
    /// for encoder errors; use <see cref="CompleteAsync"/> to see them.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (!_finished)
        {
            _finished = true;
            _ffmpeg.CloseStdin();
            await _ffmpeg.TryWaitForExitAsync(_finaliseTimeout).ConfigureAwait(false);
        }
        await _ffmpeg.DisposeAsync().ConfigureAwait(false);
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private void ValidateFrame(ImageView frame)
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        if (frame.Width != Width || frame.Height != Height || frame.Format != InputFormat)
            throw new ArgumentException(
                $"Frame is {frame.Width}x{frame.Height} {frame.Format}; this writer takes {Width}x{Height} {InputFormat}.", nameof(frame));
    }

    private async Task<MediaException> EncoderDiedAsync(IOException e)
    {
        _finished = true;
        bool exited = await _ffmpeg.TryWaitForExitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        string reason = _errors.FirstError ?? (exited ? $"ffmpeg exited with code {_ffmpeg.ExitCode}" : e.Message);
        return new MediaException($"Cannot write video '{Path}': {reason}", e);
    }

    /// <summary>Pads to even size and smears the edge row/column into the padding (black bars would show).</summary>
    private static string EvenSizeFilter(int width, int height)
    {
        int padRight = width & 1, padBottom = height & 1;
        return string.Create(CultureInfo.InvariantCulture,
            $"pad={width + padRight}:{height + padBottom}:0:0,fillborders=right={padRight}:bottom={padBottom}:mode=smear");
    }

    private static string[] EncoderArguments(string encoder, int quality) => encoder switch
    {
        "libx264" => ["-c:v", "libx264", "-preset", "veryfast", "-crf", quality.ToString(CultureInfo.InvariantCulture), "-pix_fmt", "yuv420p"],
        // mpeg4 has no CRF; its quantiser 2..31 covers a similar range.
        "mpeg4" => ["-c:v", "mpeg4", "-q:v", Math.Clamp(1 + quality / 6, 2, 31).ToString(CultureInfo.InvariantCulture), "-pix_fmt", "yuv420p"],
        _ => ["-c:v", encoder, "-pix_fmt", "yuv420p"],
    };

    private static async Task<string?> FirstAudioCodecAsync(string path, CancellationToken cancellationToken)
    {
        using JsonDocument probe = await ProbeRunner.ProbeAsync(path, "audio source", cancellationToken).ConfigureAwait(false);
        if (!probe.RootElement.TryGetProperty("streams", out JsonElement streams)) return null;
        foreach (JsonElement stream in streams.EnumerateArray())
        {
            if (stream.TryGetProperty("codec_type", out JsonElement type) && type.GetString() == "audio")
                return stream.TryGetProperty("codec_name", out JsonElement name) ? name.GetString() ?? "unknown" : "unknown";
        }
        return null;
    }
}
