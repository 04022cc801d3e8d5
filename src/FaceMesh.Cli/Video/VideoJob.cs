using FaceMesh.Cli.Output;
using FaceMesh.Cli.Progress;
using FaceMesh.Imaging;
using FaceMesh.Media;

namespace FaceMesh.Cli.Video;

/// <summary>
/// Decodes a video, runs the landmarker in video mode on every frame with the stream's own
/// timestamps, draws the effects and encodes the result at the input's size and frame rate with
/// its audio. One frame buffer, one result and one landmark buffer serve every frame.
/// </summary>
internal sealed class VideoJob(VideoJobSettings settings)
{
    // Stays under the invocation's Ctrl-C grace period (Program) so finalising is never cut short.
    private static readonly TimeSpan FinaliseTimeout = TimeSpan.FromSeconds(20);

    public sealed record Summary(long Frames, long FramesWithFaces, string? DecodeError);

    public async Task<Summary> RunAsync(CancellationToken cancellationToken)
    {
        RefuseToOverwriteInput();
        await using VideoReader reader = await VideoReader.OpenAsync(settings.Input, PixelFormat.Rgb24, cancellationToken).ConfigureAwait(false);
        VideoInfo info = reader.Info;
        using FaceLandmarker landmarker = FaceLandmarker.Create(settings.Pipeline);
        using FrameJsonLinesWriter? json = settings.JsonLinesPath is { } path ? new FrameJsonLinesWriter(path, settings.Pipeline.OutputFaceBlendshapes) : null;
        using LiveLinkCsvWriter? csv = settings.LiveLinkCsvPath is { } csvPath ? LiveLinkCsvWriter.Create(csvPath, info.FrameRate.IsValid ? info.FrameRate.ToDouble() : 30) : null;
        VideoWriter writer = await VideoWriter.OpenAsync(settings.Output, info.Width, info.Height, info.FrameRate,
            new VideoWriterOptions { AudioSourcePath = info.HasAudio ? settings.Input : null, FinaliseTimeout = FinaliseTimeout },
            cancellationToken).ConfigureAwait(false);

        long frames = 0, withFaces = 0;
        try
        {
            (frames, withFaces) = await FrameProgress.RunAsync(Path.GetFileName(settings.Input), ExpectedFrames(info),
                progress => ProcessFramesAsync(reader, landmarker, writer, json, csv, progress, cancellationToken)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException || cancellationToken.IsCancellationRequested)
        {
            // Ctrl-C reaches ffmpeg too, which may fail a read or write before our token trips:
            // either way this is a cancellation, and what was encoded so far is kept.
            await writer.DisposeAsync().ConfigureAwait(false);
            throw new OperationCanceledException("Cancelled", e, cancellationToken);
        }
        catch
        {
            await writer.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        if (writer.FramesWritten == 0)
        {
            await writer.DisposeAsync().ConfigureAwait(false);
            TryDelete(settings.Output);
            throw new MediaException($"No frames could be decoded from '{settings.Input}'" + (reader.DecodeError is { } why ? $": {why}" : ""));
        }
        try
        {
            await writer.CompleteAsync(CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            await writer.DisposeAsync().ConfigureAwait(false);
        }
        return new Summary(frames, withFaces, reader.DecodeError);
    }

    private async Task<(long Frames, long WithFaces)> ProcessFramesAsync(VideoReader reader, FaceLandmarker landmarker,
        VideoWriter writer, FrameJsonLinesWriter? json, LiveLinkCsvWriter? csv, IFrameProgress progress, CancellationToken cancellationToken)
    {
        var result = new FaceLandmarkerResult();
        var clock = new PipelineClock();
        long frames = 0, withFaces = 0;
        await foreach (VideoFrame frame in reader.ReadFramesAsync(cancellationToken).ConfigureAwait(false))
        {
            if (landmarker.TryDetectForVideo(frame.Image.View, clock.Next(frame.TimestampMs), result)) withFaces++;
            json?.Write(frame.Index, frame.TimestampMs, result);
            csv?.WriteFrame(frame.TimestampMs, result);
            settings.Renderer.Render(frame.Image, result);
            await writer.WriteFrameAsync(frame.Image.View, cancellationToken).ConfigureAwait(false);
            progress.Report(++frames);
        }
        return (frames, withFaces);
    }

    private void RefuseToOverwriteInput()
    {
        if (string.Equals(Path.GetFullPath(settings.Input), Path.GetFullPath(settings.Output), StringComparison.Ordinal))
            throw new ArgumentException($"The output would overwrite the input '{settings.Input}'; choose another -o path.");
    }

    private static long? ExpectedFrames(VideoInfo info) =>
        info.FrameCount ?? (info.Duration is { } d && info.FrameRate.IsValid ? (long)Math.Round(d.TotalSeconds * info.FrameRate.ToDouble()) : null);

    private static void TryDelete(string path)
    {
        try { File.Delete(path); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
