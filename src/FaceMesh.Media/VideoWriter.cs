using System.Globalization;
using System.Text.Json;
using FaceMesh.Imaging;
using FaceMesh.Media.Ffmpeg;
using FaceMesh.Media.Files;

namespace FaceMesh.Media;

/// <summary>
/// Encodes raw frames to a video file through an ffmpeg pipe: H.264 (libx264) when the installed
/// ffmpeg has it, else MPEG-4 part 2. Each frame keeps the timestamp it is given (variable frame
/// rate stays variable, so copied audio stays in sync). The file has exactly the frames' size:
/// yuv420p, which every player accepts, for even sizes; 4:4:4 (H.264 High 4:4:4) for odd ones,
/// since 4:2:0 cannot hold an odd width or height.
/// The file is written under a temporary name beside <see cref="Path"/> and renamed into place
/// when finished, so a failure never leaves a truncated file where an older one was.
/// Call <see cref="CompleteAsync"/> to finish and check for errors. Disposing an unfinished writer
/// (for example after cancellation) still closes ffmpeg's input, so the frames written so far
/// become a playable file at <see cref="Path"/>; <see cref="AbandonAsync"/> discards them instead.
/// </summary>
public sealed class VideoWriter : IAsyncDisposable, IDisposable
{
    private readonly FfmpegProcess _ffmpeg;
    private readonly ErrorLog _errors;
    private readonly OutputFile _output;
    private readonly AudioMuxing? _audio;
    private readonly TimedRawVideoStream _frames;
    private readonly TimeSpan _finaliseTimeout;
    private bool _headerSent;
    private bool _finished;

    private VideoWriter(FfmpegProcess ffmpeg, ErrorLog errors, OutputFile output, AudioMuxing? audio, string path, int width, int height,
        Rational frameRate, PixelFormat inputFormat, bool yuv420Input, string videoEncoder, TimeSpan finaliseTimeout)
    {
        Yuv420Input = yuv420Input;
        _ffmpeg = ffmpeg;
        _errors = errors;
        _output = output;
        _audio = audio;
        _frames = new TimedRawVideoStream(ffmpeg.Stdin, width, height, inputFormat, frameRate, yuv420Input);
        Path = path;
        Width = width;
        Height = height;
        FrameRate = frameRate;
        InputFormat = inputFormat;
        VideoEncoder = videoEncoder;
        _finaliseTimeout = finaliseTimeout;
    }

    public string Path { get; }
    /// <summary>Size of the frames to write, and of the file.</summary>
    public int Width { get; }
    public int Height { get; }
    /// <summary>The nominal rate: frames written without a timestamp are placed at index / rate.</summary>
    public Rational FrameRate { get; }
    public PixelFormat InputFormat { get; }
    /// <summary>True when frames are <see cref="Yuv420"/> planes (see <see cref="VideoWriterOptions.Yuv420Input"/>).</summary>
    public bool Yuv420Input { get; }
    /// <summary>The ffmpeg encoder in use, e.g. "libx264".</summary>
    public string VideoEncoder { get; }
    /// <summary>True when audio from <see cref="VideoWriterOptions.AudioSourcePath"/> is being muxed in.</summary>
    public bool HasAudio => _audio is not null;
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
        if (options.Yuv420Input && !Yuv420.Supports(width, height))
            throw new ArgumentException($"4:2:0 input needs an even size, got {width}x{height}.", nameof(options));
        VideoContainers.RefuseImageFormat(path);
        if (options.AudioSourcePath is { } audio && !File.Exists(audio))
            throw new MediaException($"Audio source file not found: {audio}", new FileNotFoundException(null, audio));
        if (options.AudioSourcePath is { } source && FileIdentity.AreSame(source, path))
            throw new ArgumentException($"The video '{path}' would replace its own audio source; write it elsewhere.", nameof(path));

        string encoder = options.VideoEncoder
            ?? (await EncoderCatalog.HasEncoderAsync("libx264", cancellationToken).ConfigureAwait(false) ? "libx264" : "mpeg4");
        string? audioCodec = options.AudioSourcePath is { } audioSource
            ? await FirstAudioCodecAsync(audioSource, cancellationToken).ConfigureAwait(false)
            : null;

        var output = OutputFile.Begin(path);
        // With audio, the video is encoded alone and the audio joined afterwards, cut to the
        // video's length: muxing both at once with -shortest would cut the video's last frames
        // whenever the audio ends first.
        OutputFile? videoOnly = audioCodec is null ? null : OutputFile.Begin(System.IO.Path.ChangeExtension(output.Destination, ".nut"));
        // -copyts: the first frame keeps its time too (a video that starts after its audio stays so).
        var arguments = new List<string>(FfmpegArgs.QuietErrors) { "-y", "-copyts", "-f", "matroska", "-i", "pipe:0", "-map", "0:v:0" };
        // Every frame at its own time: no duplicates or drops to fit a constant rate. 90 kHz (MPEG's
        // clock) holds common rates' frame durations exactly (30000/1001 fps: 3003 ticks) and any
        // time within 11 µs; left to itself, ffmpeg would round times to a rate guessed from the first frames.
        arguments.AddRange(["-fps_mode", "passthrough", "-enc_time_base", "1/90000"]);
        arguments.AddRange(EncoderArguments(encoder, options.Quality, oddSize: ((width | height) & 1) != 0));
        // NUT keeps any codec and the 90 kHz times exactly until the audio is joined.
        if (videoOnly is not null) arguments.AddRange(["-f", "nut", FfmpegArgs.FileUrl(videoOnly.WritePath)]);
        else arguments.AddRange([.. AudioMuxing.ContainerFlags(path), FfmpegArgs.FileUrl(output.WritePath)]);

        var errors = new ErrorLog();
        FfmpegProcess ffmpeg;
        try
        {
            ffmpeg = FfmpegProcess.Start(ToolLocator.Ffmpeg, arguments, errors, keepStdinOpen: true, ownSession: true);
        }
        catch
        {
            videoOnly?.Dispose();
            output.Dispose();
            throw;
        }
        AudioMuxing? audioJoin = videoOnly is null ? null : new AudioMuxing(videoOnly, options.AudioSourcePath!, audioCodec!);
        return new VideoWriter(ffmpeg, errors, output, audioJoin, path, width, height, frameRate,
            options.Yuv420Input ? PixelFormat.Gray8 : options.InputFormat, options.Yuv420Input, encoder,
            options.FinaliseTimeout);
    }

    /// <summary>Queues one frame at <see cref="FramesWritten"/> / <see cref="FrameRate"/>.</summary>
    public ValueTask WriteFrameAsync(ImageView frame, CancellationToken cancellationToken = default) =>
        WriteFrameAsync(frame, NominalTime(), cancellationToken);

    /// <summary>
    /// Queues one frame shown at <paramref name="timestamp"/> from the start of the video (whole
    /// microseconds; a time less than 1 ms after the previous frame's moves to 1 ms after it). The token is
    /// checked before the frame is sent, never in the middle of it, so a cancelled writer never
    /// hands ffmpeg half a frame.
    /// </summary>
    public async ValueTask WriteFrameAsync(ImageView frame, TimeSpan timestamp, CancellationToken cancellationToken = default)
    {
        ValidateFrame(frame);
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            if (!_headerSent) await _ffmpeg.Stdin.WriteAsync(_frames.Header, CancellationToken.None).ConfigureAwait(false);
            _headerSent = true;
            await _frames.WriteAsync(frame, timestamp, CancellationToken.None).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            throw await EncoderDiedAsync(e).ConfigureAwait(false);
        }
        FramesWritten++;
    }

    public void WriteFrame(ImageView frame) => WriteFrame(frame, NominalTime());

    public void WriteFrame(ImageView frame, TimeSpan timestamp)
    {
        ValidateFrame(frame);
        try
        {
            if (!_headerSent) _ffmpeg.Stdin.Write(_frames.Header);
            _headerSent = true;
            _frames.Write(frame, timestamp);
        }
        catch (IOException e)
        {
            throw EncoderDiedAsync(e).GetAwaiter().GetResult();
        }
        FramesWritten++;
    }

    private TimeSpan NominalTime() => TimeSpan.FromSeconds(FramesWritten / FrameRate.ToDouble());

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
        try
        {
            if (exitCode != 0)
                throw new MediaException($"Cannot write video '{Path}': {_errors.FirstError ?? $"ffmpeg exited with code {exitCode}"}");
            if (FramesWritten == 0)
                throw new MediaException($"Cannot write video '{Path}': no frames were written");
            if (_audio is not null)
                await _audio.JoinAsync(_output.WritePath, Path, _frames.FirstTime, VideoDuration(), cancellationToken).ConfigureAwait(false);
            if (!HasContent())
                throw new MediaException($"Cannot write video '{Path}': ffmpeg produced an empty file");
            _output.Commit();
        }
        finally
        {
            _audio?.Dispose();
            _output.Dispose();
        }
    }

    /// <summary>Up to the end of the last frame, which lasts one nominal frame duration.</summary>
    private TimeSpan VideoDuration() => _frames.LastTime + TimeSpan.FromSeconds(1 / FrameRate.ToDouble());

    public void Complete() => CompleteAsync().GetAwaiter().GetResult();

    /// <summary>
    /// If not completed: closes ffmpeg's input so it finalises what it has (bounded by
    /// <see cref="VideoWriterOptions.FinaliseTimeout"/>, after which it is killed) and, if that
    /// gave a non-empty file, moves it into place. Never throws for encoder errors; use
    /// <see cref="CompleteAsync"/> to see them.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (!_finished)
        {
            _finished = true;
            _ffmpeg.CloseStdin();
            bool finalised = await _ffmpeg.TryWaitForExitAsync(_finaliseTimeout).ConfigureAwait(false)
                && _ffmpeg.ExitCode == 0 && FramesWritten > 0
                && (_audio is null || await _audio.TryJoinAsync(_output.WritePath, Path, _frames.FirstTime, VideoDuration(), _finaliseTimeout).ConfigureAwait(false))
                && HasContent();
            if (finalised) TryCommit();
        }
        _audio?.Dispose();
        _output.Dispose();
        await _ffmpeg.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Stops ffmpeg and deletes what it wrote: whatever was at <see cref="Path"/> before stays as it was.
    /// For failures, where a partial video would pass for a finished one.
    /// </summary>
    public async ValueTask AbandonAsync()
    {
        _finished = true;
        _ffmpeg.Kill();
        await _ffmpeg.DisposeAsync().ConfigureAwait(false);
        _audio?.Dispose();
        _output.Dispose();
    }

    private bool HasContent()
    {
        if (!_output.IsTemporary) return true;
        var written = new FileInfo(_output.WritePath);
        return written.Exists && written.Length > 0;
    }

    private void TryCommit()
    {
        try { _output.Commit(); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private void ValidateFrame(ImageView frame)
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        int rows = Yuv420Input ? Yuv420.BufferHeight(Height) : Height;
        if (frame.Width != Width || frame.Height != rows || frame.Format != InputFormat)
            throw new ArgumentException(
                $"Frame is {frame.Width}x{frame.Height} {frame.Format}; this writer takes {Width}x{rows} {InputFormat}.", nameof(frame));
    }

    private async Task<MediaException> EncoderDiedAsync(IOException e)
    {
        _finished = true;
        bool exited = await _ffmpeg.TryWaitForExitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        string reason = _errors.FirstError ?? (exited ? $"ffmpeg exited with code {_ffmpeg.ExitCode}" : e.Message);
        return new MediaException($"Cannot write video '{Path}': {reason}", e);
    }

    private static string[] EncoderArguments(string encoder, int quality, bool oddSize) => encoder switch
    {
        "libx264" => ["-c:v", "libx264", "-preset", "veryfast", "-crf", quality.ToString(CultureInfo.InvariantCulture), "-pix_fmt", oddSize ? "yuv444p" : "yuv420p"],
        // mpeg4 has no CRF; its quantiser 2..31 covers a similar range.
        // ffmpeg's MPEG-4 encoder stores odd sizes exactly in 4:2:0.
        "mpeg4" => ["-c:v", "mpeg4", "-q:v", Math.Clamp(1 + quality / 6, 2, 31).ToString(CultureInfo.InvariantCulture), "-pix_fmt", "yuv420p"],
        _ => ["-c:v", encoder, "-pix_fmt", oddSize ? "yuv444p" : "yuv420p"],
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
