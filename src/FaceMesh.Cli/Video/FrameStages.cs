using System.Runtime.ExceptionServices;
using System.Threading.Channels;
using FaceMesh.Batch;
using FaceMesh.Cli.Output;
using FaceMesh.Cli.Progress;
using FaceMesh.Cli.Rendering;
using FaceMesh.Imaging;
using FaceMesh.Media;

namespace FaceMesh.Cli.Video;

/// <summary>
/// The stages of a video job, each on its own thread: decode (ffmpeg through a pipe) -> track
/// (landmarker, JSON Lines) and draw -> encode (ffmpeg through a pipe); without a writer only the
/// first two. Drawing shares the tracker's thread rather than having its own: it takes under 2 ms
/// a frame, while every extra stage costs each frame another thread handoff (wake-ups and context
/// switches that perf showed costing more CPU than the drawing). Stages pass frames through
/// bounded queues of depth 1, so a fast stage waits for a slow one instead of buffering; the frame buffers and results circulate and are never
/// reallocated. A stage that fails stops the others, and its error (not their cancellation) is
/// what the caller sees. Frames may travel as <see cref="Yuv420"/> planes from decoder to encoder:
/// the tracker then converts to RGB what the landmarker will read of each (<paramref name="trackerRgb"/>, which
/// passes RGB frames through), and the
/// drawing happens through <paramref name="canvas"/> on the planes themselves.
/// </summary>
internal sealed class FrameStages(VideoReader reader, FramePool frames, FaceLandmarker landmarker, FaceRenderer renderer,
    FrameJsonLinesWriter? json, LiveLinkCsvWriter? csv, VideoWriter? writer, StageTimes times,
    RgbFrameConverter trackerRgb, Yuv420Canvas? canvas = null)
{
    public readonly record struct Counts(long Frames, long FramesWithFaces);

    private readonly record struct Tracked(VideoFrame Frame, FaceLandmarkerResult Result)
    {
        public ImageBuffer Image => Frame.Image;
    }

    /// <summary>Frames the stages can hold at once: one per stage and one per queue, plus the one being decoded next.</summary>
    public static int FramesInFlight(bool encodes) => encodes ? 3 + 2 + 1 : 2 + 1 + 1;

    private long _framesWithFaces;
    private long _framesDone;

    public async Task<Counts> RunAsync(IFrameProgress progress, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        CancellationToken token = stop.Token;
        var results = Channel.CreateBounded<FaceLandmarkerResult>(frames.Capacity);
        for (int i = 0; i < frames.Capacity; i++) results.Writer.TryWrite(new FaceLandmarkerResult());
        Channel<VideoFrame> decoded = Queue<VideoFrame>();
        Channel<Tracked> drawn = Queue<Tracked>();

        Task[] stages = writer is null
            ?
            [
                Stage(() => DecodeAsync(decoded.Writer, token), decoded.Writer, stop),
                Stage(() => TrackAsync(decoded.Reader, results, next: null, progress, token), (ChannelWriter<Tracked>?)null, stop),
            ]
            :
            [
                Stage(() => DecodeAsync(decoded.Writer, token), decoded.Writer, stop),
                Stage(() => TrackAsync(decoded.Reader, results, drawn.Writer, progress: null, token), drawn.Writer, stop),
                Stage(() => EncodeAsync(writer, drawn.Reader, results.Writer, progress, token), (ChannelWriter<Tracked>?)null, stop),
            ];
        try
        {
            await Task.WhenAll(stages).ConfigureAwait(false);
        }
        catch
        {
            // The stage that failed first in pipeline order is the cause; the rest were stopped.
            Exception? cause = stages.Where(s => s.IsFaulted).SelectMany(s => s.Exception!.InnerExceptions)
                .FirstOrDefault(e => e is not OperationCanceledException);
            if (cause is not null) ExceptionDispatchInfo.Throw(cause);
            throw;
        }
        return new Counts(_framesDone, _framesWithFaces);
    }

    private async Task DecodeAsync(ChannelWriter<VideoFrame> next, CancellationToken token)
    {
        long t = StageTimes.Now;
        await foreach (VideoFrame frame in reader.ReadFramesAsync(frames, token).ConfigureAwait(false))
        {
            t = times.Add(StageTimes.Stage.Decode, t);
            await next.WriteAsync(frame, token).ConfigureAwait(false);
            t = times.Add(StageTimes.Stage.DecodeBlocked, t);
        }
    }

    private async Task TrackAsync(ChannelReader<VideoFrame> input, Channel<FaceLandmarkerResult> results, ChannelWriter<Tracked>? next,
        IFrameProgress? progress, CancellationToken token)
    {
        var clock = new VideoClock();
        long t = StageTimes.Now;
        await foreach (VideoFrame frame in input.ReadAllAsync(token).ConfigureAwait(false))
        {
            FaceLandmarkerResult result = await results.Reader.ReadAsync(token).ConfigureAwait(false);
            t = times.Add(StageTimes.Stage.TrackStarved, t);
            // Only what the landmarker will read (its face crops once faces are tracked): nothing
            // else reads this buffer, the drawing goes on the frame itself.
            ImageView pixels = trackerRgb.ToRgb(frame.Image, landmarker.GetNextVideoFrameReadRegion(trackerRgb.Width, trackerRgb.Height));
            if (trackerRgb.Converts) t = times.Add(StageTimes.Stage.Convert, t);
            if (landmarker.TryDetectForVideo(pixels, clock.Next(frame.TimestampMs), result)) _framesWithFaces++;
            t = times.Add(StageTimes.Stage.Inference, t);
            if (next is null)
            {
                json?.Write(frame.Index, frame.TimestampMs, result);
                csv?.WriteFrame(frame.TimestampMs, result);
                t = times.Add(StageTimes.Stage.Json, t);
                Finish(frame.Image, result, results.Writer, progress);
            }
            else
            {
                Draw(frame.Image, result);
                t = times.Add(StageTimes.Stage.Draw, t);
                await next.WriteAsync(new Tracked(frame, result), token).ConfigureAwait(false);
                t = times.Add(StageTimes.Stage.TrackBlocked, t);
            }
        }
    }

    private void Draw(ImageBuffer image, FaceLandmarkerResult result)
    {
        if (canvas is not null) canvas.Render(renderer, image, result);
        else renderer.Render(image, result);
    }

    private async Task EncodeAsync(VideoWriter encoder, ChannelReader<Tracked> input, ChannelWriter<FaceLandmarkerResult> results,
        IFrameProgress progress, CancellationToken token)
    {
        await foreach (Tracked frame in input.ReadAllAsync(token).ConfigureAwait(false))
        {
            long t = StageTimes.Now;
            // The frame keeps its own time (variable frame rate stays variable); its JSON line is
            // written once the encoder has it, so a stopped run's two outputs hold the same frames.
            await encoder.WriteFrameAsync(frame.Image.View, TimeSpan.FromMilliseconds(frame.Frame.TimestampMs), token).ConfigureAwait(false);
            t = times.Add(StageTimes.Stage.Encode, t);
            json?.Write(frame.Frame.Index, frame.Frame.TimestampMs, frame.Result);
            csv?.WriteFrame(frame.Frame.TimestampMs, frame.Result);
            times.Add(StageTimes.Stage.Json, t);
            Finish(frame.Image, frame.Result, results, progress);
        }
    }

    private void Finish(ImageBuffer image, FaceLandmarkerResult result, ChannelWriter<FaceLandmarkerResult> results, IFrameProgress? progress)
    {
        frames.Return(image);
        results.TryWrite(result);
        progress?.Report(++_framesDone);
    }

    private static Channel<T> Queue<T>() =>
        Channel.CreateBounded<T>(new BoundedChannelOptions(1) { SingleReader = true, SingleWriter = true });

    private static Task Stage<T>(Func<Task> body, ChannelWriter<T>? output, CancellationTokenSource stop) => Task.Run(async () =>
    {
        try
        {
            await body().ConfigureAwait(false);
            output?.TryComplete();
        }
        catch (Exception e)
        {
            output?.TryComplete(e);
            await stop.CancelAsync().ConfigureAwait(false);
            throw;
        }
    });
}
