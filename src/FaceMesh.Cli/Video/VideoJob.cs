using FaceMesh.Cli.Output;
using FaceMesh.Cli.Progress;
using FaceMesh.Cli.Rendering;
using FaceMesh.Imaging;
using FaceMesh.Media;

namespace FaceMesh.Cli.Video;

/// <summary>
/// Decodes a video, runs the landmarker in video mode on every frame with the stream's own
/// timestamps, draws the effects and encodes the result at the input's size and frame times with
/// its audio; without an output it only tracks (and logs JSON Lines). Decoding, inference,
/// drawing and encoding run as stages on their own threads, joined by small bounded queues, so
/// ffmpeg's decoder and encoder work while the landmarker does; a fixed set of frame buffers and
/// results circulates through the stages, so nothing is allocated per frame.
/// </summary>
internal sealed class VideoJob(VideoJobSettings settings)
{
    // Stays under the invocation's Ctrl-C grace period (Program) so finalising is never cut short.
    private static readonly TimeSpan FinaliseTimeout = TimeSpan.FromSeconds(20);

    public sealed record Summary(long Frames, long FramesWithFaces, string? DecodeError);

    /// <summary>Wall time per stage; read it after <see cref="RunAsync"/>.</summary>
    public StageTimes Times { get; } = new();

    /// <param name="showProgress">False when several jobs run at once: one terminal has room for one live bar.</param>
    public async Task<Summary> RunAsync(CancellationToken cancellationToken, bool showProgress = true)
    {
        RefuseToOverwriteInput();
        await using VideoReader probed = await VideoReader.OpenAsync(settings.Input, PixelFormat.Rgb24, cancellationToken).ConfigureAwait(false);
        VideoInfo info = probed.Info;
        // Even-sized video travels as 4:2:0 planes, as decoders make and encoders take them: ffmpeg
        // converts no colours, the pipes carry half the bytes, and only the landmarker's input
        // and the drawn rectangle are converted here. Odd sizes (which 4:2:0 cannot hold) stay RGB.
        await using VideoReader reader = probed.WithYuv420FramesWhereSupported();
        bool planar = reader.IsYuv420;
        using FaceLandmarker landmarker = FaceLandmarker.Create(settings.Pipeline);
        using FrameJsonLinesWriter? json = settings.JsonLinesPath is { } path ? new FrameJsonLinesWriter(path, settings.Pipeline.OutputFaceBlendshapes) : null;
        using LiveLinkCsvWriter? csv = settings.LiveLinkCsvPath is { } csvPath ? LiveLinkCsvWriter.Create(csvPath, info.FrameRate.IsValid ? info.FrameRate.ToDouble() : 30) : null;
        using var frames = new FramePool(info.Width, reader.FrameRows, reader.Format, FrameStages.FramesInFlight(encodes: settings.Output is not null));
        using var trackerRgb = new RgbFrameConverter(reader);
        using Yuv420Canvas? canvas = planar && settings.Output is not null && !settings.Renderer.DrawsNothing ? new Yuv420Canvas(info.Width, info.Height) : null;
        VideoWriter? writer = settings.Output is null ? null : await VideoWriter.OpenAsync(settings.Output, info.Width, info.Height, info.FrameRate,
            new VideoWriterOptions { AudioSourcePath = info.HasAudio ? settings.Input : null, FinaliseTimeout = FinaliseTimeout, Yuv420Input = planar },
            cancellationToken).ConfigureAwait(false);

        FrameStages.Counts counts;
        try
        {
            var stages = new FrameStages(reader, frames, landmarker, settings.Renderer, json, csv, writer, Times, trackerRgb, canvas);
            counts = showProgress
                ? await FrameProgress.RunAsync(Path.GetFileName(settings.Input), ExpectedFrames(info),
                    progress => stages.RunAsync(progress, cancellationToken)).ConfigureAwait(false)
                : await stages.RunAsync(FrameProgress.Silent.Instance, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException || cancellationToken.IsCancellationRequested)
        {
            // Ctrl-C reaches ffmpeg too, which may fail a read or write before our token trips:
            // either way this is a cancellation, and what was encoded so far is kept, the JSON
            // Lines with exactly the same frames.
            if (writer is not null) await writer.DisposeAsync().ConfigureAwait(false);
            json?.Commit();
            csv?.Commit();
            throw new OperationCanceledException("Cancelled", e, cancellationToken);
        }
        catch
        {
            // A failure leaves whatever was at the output paths before untouched.
            if (writer is not null) await writer.AbandonAsync().ConfigureAwait(false);
            throw;
        }

        if (counts.Frames == 0)
        {
            if (writer is not null) await writer.AbandonAsync().ConfigureAwait(false);
            throw new MediaException($"No frames could be decoded from '{settings.Input}'" + (reader.DecodeError is { } why ? $": {why}" : ""));
        }
        if (writer is not null)
        {
            try
            {
                await writer.CompleteAsync(CancellationToken.None).ConfigureAwait(false);
            }
            finally
            {
                await writer.DisposeAsync().ConfigureAwait(false);
            }
        }
        json?.Commit();
        csv?.Commit();
        return new Summary(counts.Frames, counts.FramesWithFaces, reader.DecodeError);
    }

    private void RefuseToOverwriteInput() =>
        OutputGuard.Check([settings.Input], ("-o", settings.Output), ("--jsonl", settings.JsonLinesPath), ("--csv", settings.LiveLinkCsvPath));

    private static long? ExpectedFrames(VideoInfo info) =>
        info.FrameCount ?? (info.Duration is { } d && info.FrameRate.IsValid ? (long)Math.Round(d.TotalSeconds * info.FrameRate.ToDouble()) : null);
}
