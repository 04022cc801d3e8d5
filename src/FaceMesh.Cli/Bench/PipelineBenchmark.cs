using System.Diagnostics;
using FaceMesh.Imaging;

namespace FaceMesh.Cli.Bench;

/// <summary>
/// Times the whole pipeline on a 640x480 face video made from a still photo shifted one pixel per
/// frame (so tracking has real, small motion), in image mode and in video (tracking) mode, and
/// measures managed allocation per steady-state frame.
/// </summary>
internal static class PipelineBenchmark
{
    public sealed record Result(Stats ImageMode, Stats VideoMode, double AllocatedBytesPerFrame, int FacesFound);

    private const int FrameWidth = 640, FrameHeight = 480, Shifts = 32;

    public static Result Run(ImageView photo, int frames, int threads)
    {
        ImageBuffer[] video = MakeShiftedFrames(photo);
        try
        {
            var imageOptions = new FaceLandmarkerOptions { RefineLandmarks = true, ThreadCount = threads, RunningMode = RunningMode.Image };
            Stats imageMode;
            int faces;
            using (FaceLandmarker landmarker = FaceLandmarker.Create(imageOptions))
            {
                var result = new FaceLandmarkerResult();
                for (int i = 0; i < 10; i++) landmarker.TryDetect(Frame(video, i).View, result);
                faces = result.Faces.Count;
                var samples = new double[frames];
                for (int i = 0; i < frames; i++)
                {
                    long start = Stopwatch.GetTimestamp();
                    landmarker.TryDetect(Frame(video, i).View, result);
                    samples[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                }
                imageMode = Stats.Of(samples);
            }

            using FaceLandmarker tracker = FaceLandmarker.Create(imageOptions with { RunningMode = RunningMode.Video });
            var frameResult = new FaceLandmarkerResult();
            long timestamp = 0;
            // Warm up by time as well as count: methods the tiered JIT promotes late would otherwise
            // be counted as per-frame allocation and time.
            long warmStart = Stopwatch.GetTimestamp();
            for (int i = 0; i < 20 || Stopwatch.GetElapsedTime(warmStart).TotalMilliseconds < 500; i++)
                tracker.TryDetectForVideo(Frame(video, i).View, timestamp += 33, frameResult);
            var videoSamples = new double[frames];
            long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            for (int i = 0; i < frames; i++)
            {
                long start = Stopwatch.GetTimestamp();
                tracker.TryDetectForVideo(Frame(video, i).View, timestamp += 33, frameResult);
                videoSamples[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            }
            long allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
            return new Result(imageMode, Stats.Of(videoSamples), (double)allocated / frames, faces);
        }
        finally
        {
            foreach (ImageBuffer frame in video) frame.Dispose();
        }
    }

    // Ping-pong through the shifts so consecutive frames always differ by exactly one pixel.
    private static ImageBuffer Frame(ImageBuffer[] video, int index)
    {
        int period = 2 * (video.Length - 1);
        int phase = index % period;
        return video[phase < video.Length ? phase : period - phase];
    }

    /// <summary>The photo scaled to fit 480 pixels high (bilinear), on grey, shifted right 0..31 px.</summary>
    private static ImageBuffer[] MakeShiftedFrames(ImageView photo)
    {
        float scale = Math.Min((float)(FrameHeight) / photo.Height, (float)(FrameWidth - Shifts) / photo.Width);
        int w = Math.Max(1, (int)(photo.Width * scale)), h = Math.Max(1, (int)(photo.Height * scale));
        using var scaled = new ImageBuffer(w, h, PixelFormat.Rgb24);
        ScaleBilinear(photo, scaled);
        var frames = new ImageBuffer[Shifts];
        for (int s = 0; s < Shifts; s++)
        {
            var frame = new ImageBuffer(FrameWidth, FrameHeight, PixelFormat.Rgb24);
            frame.Span.Fill(128);
            int top = (FrameHeight - h) / 2, left = (FrameWidth - Shifts - w) / 2 + s;
            for (int y = 0; y < h; y++) scaled.Row(y).CopyTo(frame.Row(top + y)[(left * 3)..]);
            frames[s] = frame;
        }
        return frames;
    }

    private static void ScaleBilinear(ImageView source, ImageBuffer destination)
    {
        var (r, g, b) = source.Format.ChannelOffsets();
        int bpp = source.BytesPerPixel;
        ReadOnlySpan<byte> pixels = source.Pixels.Span;
        for (int y = 0; y < destination.Height; y++)
        {
            float sy = Math.Clamp((y + 0.5f) * source.Height / destination.Height - 0.5f, 0, source.Height - 1);
            int y0 = (int)sy, y1 = Math.Min(y0 + 1, source.Height - 1);
            float fy = sy - y0;
            Span<byte> row = destination.Row(y);
            for (int x = 0; x < destination.Width; x++)
            {
                float sx = Math.Clamp((x + 0.5f) * source.Width / destination.Width - 0.5f, 0, source.Width - 1);
                int x0 = (int)sx, x1 = Math.Min(x0 + 1, source.Width - 1);
                float fx = sx - x0;
                int c = 0;
                foreach (int channel in (ReadOnlySpan<int>)[r, g, b])
                {
                    float top = Lerp(pixels[y0 * source.Stride + x0 * bpp + channel], pixels[y0 * source.Stride + x1 * bpp + channel], fx);
                    float bottom = Lerp(pixels[y1 * source.Stride + x0 * bpp + channel], pixels[y1 * source.Stride + x1 * bpp + channel], fx);
                    row[x * 3 + c++] = (byte)Math.Clamp(MathF.Round(Lerp(top, bottom, fy)), 0, 255);
                }
            }
        }
    }

    private static float Lerp(float a, float b, float t) => a + (b - a) * t;
}
